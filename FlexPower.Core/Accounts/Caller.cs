using FlexPower.Core.Common;

namespace FlexPower.Core.Accounts;

/// <summary>
/// Who is asking, and the one place that decides which trader ids they may read and write: a Manager reads and
/// writes the whole desk; a Trader only their own trader id. Services take the caller; pages and endpoints never decide
/// (the web host builds it from the signed-in user's role and trader-id claim).
/// </summary>
public sealed record Caller(string UserName, bool IsManager, string? TraderId)
{
    /// <summary>The network address the caller acts from (the audit trail records it); null where none applies (command line).</summary>
    public string? Address { get; init; }

    /// <summary>Sees every trader's data (so pages offer trader pickers and columns), not only an own trader id.</summary>
    public bool SeesDesk => IsManager;

    /// <summary>The trader id a read is limited to, null for the whole desk. A Trader gets their own; naming another is forbidden.</summary>
    public string? ReadScope(string? requested)
    {
        if (IsManager) return Normalize(requested);
        var own = OwnTraderId();
        if (Normalize(requested) is { } other && other != own)
            throw new ForbiddenException($"Traders may only see their own trades (trader_id '{own}').");
        return own;
    }

    /// <summary>
    /// Like <see cref="ReadScope"/>, for a filter a page keeps in its URL: a Trader's <c>trader=</c> names nobody else's
    /// data, so it is ignored instead of refused (a shared link still opens on the Trader's own trades).
    /// </summary>
    public string? LinkScope(string? requested) => IsManager ? Normalize(requested) : OwnTraderId();

    /// <summary>Whether any of these traders' data is visible to the caller (live-refresh notices).</summary>
    public bool CanReadAny(IEnumerable<string> traderIds) => IsManager || (TraderId is { } own && traderIds.Contains(own));

    /// <summary>Null when the caller may store a trade of this trader id, otherwise why not (for an import's rejected row).</summary>
    public string? WhyCannotWrite(string traderId) =>
        IsManager || traderId == TraderId ? null : $"trader_id '{traderId}' is not yours: a Trader may store only trades of trader_id '{TraderId}'";

    /// <summary>Throws when the caller may not store a trade of this trader id.</summary>
    public void EnsureCanWrite(string traderId)
    {
        if (WhyCannotWrite(traderId) is { } reason) throw new ForbiddenException(reason + ".");
    }

    /// <summary>
    /// Whose trades an upload holds, from the trader it names (or null): a Trader's upload is their own, and naming another
    /// is forbidden; a Manager's is the trader named, or nobody's in particular (each row names its trader), which a file
    /// that names no trader (EPEX SPOT's export) cannot be.
    /// </summary>
    public string? UploadTrader(string? named)
    {
        var trader = Normalize(named);
        if (trader is { Length: > Trades.TradeRules.MaxIdLength })
            throw new ValidationFailedException($"trader_id must be at most {Trades.TradeRules.MaxIdLength} characters (got {trader.Length:N0}).");
        if (IsManager) return trader;
        var own = OwnTraderId();
        if (trader is not null && trader != own)
            throw new ForbiddenException($"A Trader's upload holds their own trades: trader_id '{trader}' is not yours ('{own}').");
        return own;
    }

    /// <summary>Records kept per user (import ledger lines, planner scenarios): a Manager opens everyone's, others their own.</summary>
    public bool MayOpenRecordOf(string ownerUserName) => IsManager || ownerUserName == UserName;

    /// <summary>The trader summary (leaderboard) compares traders, so it is for the desk only.</summary>
    public void EnsureSeesDesk(string what)
    {
        if (!IsManager) throw new ForbiddenException($"{what} is for managers.");
    }

    private string OwnTraderId() => TraderId ?? throw new ForbiddenException("This account has no trader id; ask a manager to set one.");

    private static string? Normalize(string? traderId)
    {
        PlainText.Require(traderId, "trader_id");
        return string.IsNullOrWhiteSpace(traderId) ? null : traderId.Trim();
    }
}
