using FlexPower.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace FlexPower.Core.Accounts;

public enum CredentialOutcome { Valid, Invalid, LockedOut, Disabled, Throttled }

public sealed record CredentialCheck(CredentialOutcome Outcome, AppUser? User, DateTimeOffset? Until = null)
{
    public bool Succeeded => Outcome == CredentialOutcome.Valid;

    public string Message => Outcome switch
    {
        CredentialOutcome.Valid => "Signed in.",
        CredentialOutcome.LockedOut => $"This account is locked after repeated failed sign-ins until {Until:HH:mm} UTC; a manager can lift it by resetting the password.",
        CredentialOutcome.Disabled => "This account is disabled; ask a manager to enable it.",
        CredentialOutcome.Throttled => $"Too many failed sign-ins for this user name from your address: try again after {Until:HH:mm} UTC.",
        _ => "Invalid user name or password.",
    };
}

/// <summary>
/// The one check of a user name and password, for the login page and HTTP Basic alike. It does the same work for unknown
/// and real user names (a password hash is always verified) and says "locked" or "disabled" only to someone who knows
/// the password, so answers and timings do not reveal which accounts exist. A success resets the failure counts.
/// </summary>
public sealed class CredentialChecker(UserManager<AppUser> users, IPasswordHasher<AppUser> hasher, LoginThrottle throttle)
{
    // Verified in place of a real hash when the user name is unknown, so both cost one PBKDF2.
    private static readonly string DecoyHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), "decoy-" + Guid.NewGuid());

    public async Task<CredentialCheck> CheckAsync(string userName, string password, string clientAddress)
    {
        if (throttle.BlockedUntil(userName, clientAddress) is { } blockedUntil)
            return new CredentialCheck(CredentialOutcome.Throttled, null, blockedUntil);

        // No account's name has a control character (AccountRules), and PostgreSQL could not even look one with a NUL up.
        var user = PlainText.Is(userName) ? await users.FindByNameAsync(userName) : null;
        bool passwordMatches;
        if (user is null)
        {
            hasher.VerifyHashedPassword(new AppUser(), DecoyHash, password);
            passwordMatches = false;
        }
        else passwordMatches = await users.CheckPasswordAsync(user, password);
        if (user is null || !passwordMatches)
        {
            throttle.RecordFailure(userName, clientAddress);
            if (user is not null && !await users.IsLockedOutAsync(user)) await users.AccessFailedAsync(user);
            return new CredentialCheck(CredentialOutcome.Invalid, null);
        }

        if (await users.IsLockedOutAsync(user)) return new CredentialCheck(CredentialOutcome.LockedOut, user, await users.GetLockoutEndDateAsync(user));
        if (user.IsDisabled) return new CredentialCheck(CredentialOutcome.Disabled, user);
        throttle.RecordSuccess(userName, clientAddress);
        if (user.AccessFailedCount > 0) await users.ResetAccessFailedCountAsync(user);
        return new CredentialCheck(CredentialOutcome.Valid, user);
    }
}
