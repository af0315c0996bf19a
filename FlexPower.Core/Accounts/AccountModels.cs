namespace FlexPower.Core.Accounts;

public sealed record NewAccount(string? UserName, string? Password, string? Role, string? TraderId);

public sealed record AccountSummary(
    string Id,
    string UserName,
    string Role,
    string? TraderId,
    bool IsDisabled,
    DateTimeOffset? LockedOutUntil,
    DateTime CreatedUtc);
