using FlexPower.Core.Common;
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

    public async Task<AccountSummary> CreateAsync(NewAccount account, CancellationToken cancellationToken = default)
    {
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
        Check(await users.CreateAsync(user, account.Password!));
        Check(await users.AddToRoleAsync(user, account.Role!));
        return ToSummary(user, account.Role!);
    }

    public async Task ResetPasswordAsync(string userId, string? newPassword)
    {
        if (string.IsNullOrEmpty(newPassword)) throw new ValidationFailedException("password is required.");
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await FindAsync(users, userId);
        var passwordErrors = await PasswordErrorsAsync(users, newPassword);
        if (passwordErrors is not null) throw new ValidationFailedException($"password is too weak: {passwordErrors}");
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, newPassword));
        // A reset also lifts a lockout: the manager has just vouched for the person.
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
    }

    /// <summary>Disables or re-enables an account; a manager cannot disable themselves, so the desk never loses its last admin by accident.</summary>
    public async Task SetDisabledAsync(string userId, bool disabled, string actingUserName)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await FindAsync(users, userId);
        if (disabled && string.Equals(user.UserName, actingUserName, StringComparison.OrdinalIgnoreCase))
            throw new ValidationFailedException("You cannot disable your own account; ask another manager.");
        user.IsDisabled = disabled;
        Check(await users.UpdateAsync(user));
        // A new security stamp ends the account's open sessions at the next validation.
        Check(await users.UpdateSecurityStampAsync(user));
    }

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

    private AccountSummary ToSummary(AppUser u, string role)
    {
        var lockedUntil = u.LockoutEnd is { } end && end > clock.GetUtcNow() ? end : (DateTimeOffset?)null;
        return new AccountSummary(u.Id, u.UserName!, role, u.TraderId, u.IsDisabled, lockedUntil, u.CreatedUtc);
    }
}
