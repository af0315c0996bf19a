using FlexPower.Core.Audit;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Core.Accounts;

/// <summary>
/// Account administration for managers, shared by the Users page and /v1/users. Each operation runs in
/// its own DI scope, so a long-lived Blazor circuit never holds a stale Identity DbContext.
/// </summary>
public sealed class AccountService(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var managerIds = (await users.GetUsersInRoleAsync(Roles.Manager)).Select(u => u.Id).ToHashSet();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        return all.Select(u => ToSummary(u, managerIds.Contains(u.Id) ? Roles.Manager : Roles.Trader)).ToList();
    }

    /// <summary>Who creates the first manager and the demo traders at start-up; not an account name (those never hold parentheses).</summary>
    public static readonly Caller StartUp = new("(start-up)", IsManager: true, TraderId: null);

    public async Task<AccountSummary> CreateAsync(Caller caller, NewAccount account, CancellationToken cancellationToken = default)
    {
        caller.EnsureSeesDesk("Creating accounts");
        var errors = AccountRules.Validate(account);
        if (errors.Count > 0) throw new ValidationFailedException(string.Join(" ", errors));

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(account.UserName!) is not null)
            throw new ConflictException($"user_name '{account.UserName}' is taken: choose another user name.");

        var passwordErrors = await PasswordErrorsAsync(users, account.Password!);
        if (passwordErrors is not null) throw new ValidationFailedException($"password is too weak: {passwordErrors}");

        var user = new AppUser
        {
            UserName = account.UserName,
            TraderId = account.Role == Roles.Trader ? account.TraderId!.Trim() : null,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        await AuditedAsync(scope, caller, AuditKinds.UserCreated, user, before: null, async () =>
        {
            Check(await users.CreateAsync(user, account.Password!));
            Check(await users.AddToRoleAsync(user, account.Role!));
            return account.Role!;
        }, cancellationToken);
        return ToSummary(user, account.Role!);
    }

    public async Task ResetPasswordAsync(Caller caller, string userId, string? newPassword)
    {
        caller.EnsureSeesDesk("Resetting passwords");
        if (string.IsNullOrEmpty(newPassword)) throw new ValidationFailedException("password is required.");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await FindAsync(users, userId);
        var passwordErrors = await PasswordErrorsAsync(users, newPassword);
        if (passwordErrors is not null) throw new ValidationFailedException($"password is too weak: {passwordErrors}");
        var role = await RoleOfAsync(users, user);
        // The entry says that the password was reset and whether a lockout was lifted: never the password.
        await AuditedAsync(scope, caller, AuditKinds.UserPasswordReset, user, Audit(user, role), async () =>
        {
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, newPassword));
            // A reset also lifts a lockout: the manager has just vouched for the person.
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            return role;
        });
    }

    /// <summary>Disables or re-enables an account; a manager cannot disable themselves, so the desk never loses its last admin by accident.</summary>
    public async Task SetDisabledAsync(Caller caller, string userId, bool disabled)
    {
        caller.EnsureSeesDesk("Disabling accounts");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await FindAsync(users, userId);
        if (disabled && string.Equals(user.UserName, caller.UserName, StringComparison.OrdinalIgnoreCase))
            throw new ValidationFailedException("You cannot disable your own account; ask another manager.");
        var role = await RoleOfAsync(users, user);
        await AuditedAsync(scope, caller, disabled ? AuditKinds.UserDisabled : AuditKinds.UserEnabled, user, Audit(user, role), async () =>
        {
            user.IsDisabled = disabled;
            Check(await users.UpdateAsync(user));
            // A new security stamp ends the account's open sessions at the next validation.
            Check(await users.UpdateSecurityStampAsync(user));
            return role;
        });
    }

    /// <summary>
    /// Makes an account a Trader under <paramref name="traderId"/> or a Manager (no trader id). A manager cannot change their
    /// own role, so the desk never loses its last manager by accident; the account's sessions end as on disabling, so its
    /// next sign-in carries the new role.
    /// </summary>
    public async Task<AccountSummary> SetRoleAsync(Caller caller, string userId, string? role, string? traderId, CancellationToken cancellationToken = default)
    {
        caller.EnsureSeesDesk("Changing roles");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await FindAsync(users, userId);
        var errors = AccountRules.Validate(new NewAccount(user.UserName, "unchanged", role, traderId));
        if (errors.Count > 0) throw new ValidationFailedException(string.Join(" ", errors));
        if (string.Equals(user.UserName, caller.UserName, StringComparison.OrdinalIgnoreCase))
            throw new ValidationFailedException("You cannot change your own role; ask another manager.");
        var current = await RoleOfAsync(users, user);
        var newTraderId = role == Roles.Trader ? traderId!.Trim() : null;
        if (current == role && user.TraderId == newTraderId) return ToSummary(user, current);
        await AuditedAsync(scope, caller, AuditKinds.UserRoleChanged, user, Audit(user, current), async () =>
        {
            if (current != role)
            {
                if (await users.IsInRoleAsync(user, current)) Check(await users.RemoveFromRoleAsync(user, current));
                Check(await users.AddToRoleAsync(user, role!));
            }
            user.TraderId = newTraderId;
            Check(await users.UpdateAsync(user));
            Check(await users.UpdateSecurityStampAsync(user));
            return role!;
        }, cancellationToken);
        return ToSummary(user, role!);
    }

    /// <summary>
    /// Runs an account change and records it in one transaction of the scope's context, which Identity's store saves
    /// through: the change and its audit entry are stored together or not at all. <paramref name="change"/> returns the role after.
    /// </summary>
    private async Task AuditedAsync(AsyncServiceScope scope, Caller caller, string kind, AppUser user, AccountAudit? before, Func<Task<string>> change,
        CancellationToken cancellationToken = default)
    {
        var db = scope.ServiceProvider.GetRequiredService<FlexPowerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var role = await change();
        AuditTrail.Record(db, caller, clock.GetUtcNow().UtcDateTime, kind, user.UserName!, before, Audit(user, role));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<string> RoleOfAsync(UserManager<AppUser> users, AppUser user) =>
        await users.IsInRoleAsync(user, Roles.Manager) ? Roles.Manager : Roles.Trader;

    public async Task ChangeOwnPasswordAsync(string userName, string? currentPassword, string? newPassword)
    {
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
            throw new ValidationFailedException("Enter the current password and a new password.");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new NotFoundException($"User '{userName}' does not exist.");
        var passwordErrors = await PasswordErrorsAsync(users, newPassword);
        if (passwordErrors is not null) throw new ValidationFailedException($"The new password is too weak: {passwordErrors}");
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded) throw new ValidationFailedException("The current password is wrong.");
    }

    private static async Task<AppUser> FindAsync(UserManager<AppUser> users, string userId) =>
        await users.FindByIdAsync(userId) ?? throw new NotFoundException($"User '{userId}' does not exist.");

    private static async Task<string?> PasswordErrorsAsync(UserManager<AppUser> users, string password)
    {
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, null!, password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }
        return errors.Count == 0 ? null : string.Join(" ", errors);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new ValidationFailedException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>An account as the audit trail records it: never a password, hash or security stamp.</summary>
    private sealed record AccountAudit(string UserName, string Role, string? TraderId, bool Disabled, bool LockedOut);

    private AccountAudit Audit(AppUser user, string role) =>
        new(user.UserName!, role, user.TraderId, user.IsDisabled, user.LockoutEnd is { } end && end > clock.GetUtcNow());

    private AccountSummary ToSummary(AppUser u, string role)
    {
        var lockedUntil = u.LockoutEnd is { } end && end > clock.GetUtcNow() ? end : (DateTimeOffset?)null;
        return new AccountSummary(u.Id, u.UserName!, role, u.TraderId, u.IsDisabled, lockedUntil, u.CreatedUtc);
    }
}
