namespace FlexPower.Core.Tokens;

/// <summary>What a token may do: <c>read</c> every GET, <c>trade</c> post and import trades, <c>admin</c> (managers only) users, limits and prices.</summary>
public static class TokenScopes
{
    public const string Read = "read";
    public const string Trade = "trade";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Read, Trade, Admin];

    /// <summary>Claim type of one scope in a token's principal; Basic and cookie principals carry none.</summary>
    public const string Claim = "flexpower:scope";

    /// <summary>Claim type of the token id in a token's principal: its presence marks a principal as a token's.</summary>
    public const string TokenIdClaim = "flexpower:token_id";

    public static string[] Parse(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
