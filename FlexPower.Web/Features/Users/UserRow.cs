using FlexPower.Core.Accounts;

namespace FlexPower.Web.Features.Users;

/// <summary>How one account reads on the Users page, and what may be done with it by whom.</summary>
public sealed record UserRow(AccountSummary Account, string SignedInUserName)
{
    public bool IsSelf => string.Equals(Account.UserName, SignedInUserName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Core refuses it too; the page disables the button so nobody clicks into an error.</summary>
    public bool CanDisable => !Account.IsDisabled && !IsSelf;

    public string Status => Account.IsDisabled ? "Disabled" : Account.LockedOutUntil is { } until ? $"Locked until {until.UtcDateTime:HH:mm} UTC" : "Active";

    public string RoleHint => IsSelf ? "You cannot change your own role; ask another manager." : $"Change the role of {Account.UserName}";

    public string DisableHint => IsSelf ? "You cannot disable your own account; ask another manager." : $"Disable {Account.UserName}: their sessions end within a minute.";
}
