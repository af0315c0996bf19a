namespace FlexPower.Core.Accounts;

public static class Roles
{
    public const string Trader = "Trader";
    public const string Manager = "Manager";

    public static readonly IReadOnlyList<string> All = [Trader, Manager];

    /// <summary>Claim type carrying a Trader's exchange trader id in the signed-in principal.</summary>
    public const string TraderIdClaim = "flexpower:trader_id";
}
