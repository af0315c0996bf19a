using System.Data.Common;
using System.Text;
using FlexPower.Core.Accounts;

namespace FlexPower.Core.Trades;

/// <summary>
/// Stores checked trades through the provider's fastest path (SQLite: prepared statements on its C API; PostgreSQL:
/// binary COPY and set-based statements), in one transaction together with the trades' aggregates and whatever else the
/// caller writes in <see cref="ITradeWrite.Transaction"/>: a whole import file, or a group of single trades (group commit).
/// </summary>
public interface ITradeWriter
{
    /// <summary>
    /// Whether an open write keeps every other writer waiting (SQLite's one write lock): then a file must be read and
    /// checked completely before <see cref="BeginAsync"/>. PostgreSQL locks only the rows written, so a file is stored
    /// while it is read.
    /// </summary>
    bool BlocksOtherWriters { get; }

    /// <summary>Opens the transaction (on SQLite: takes the write lock).</summary>
    Task<ITradeWrite> BeginAsync(TradeBatch batch, RowOutcomes outcomes, CancellationToken cancellationToken);
}

/// <summary>What the trades of one transaction are, which decides what an id seen twice in it means.</summary>
public enum TradeBatch
{
    /// <summary>One exchange file: an id appearing twice is a mistake in the file, and the later row is rejected.</summary>
    File,

    /// <summary>Independent requests committed together: the same trade twice is a client's retry (already stored), other values a conflict.</summary>
    Requests,
}

/// <summary>
/// One transaction: <see cref="Store"/> every trade, <see cref="CompleteAsync"/>, write anything else in
/// <see cref="Transaction"/>, then <see cref="CommitAsync"/>. Disposing without a commit rolls everything back.
/// </summary>
public interface ITradeWrite : IAsyncDisposable
{
    DbTransaction Transaction { get; }

    /// <summary>
    /// Stores a trade unless its id is taken. What became of it is reported to the <see cref="RowOutcomes"/>: at once, or by
    /// <see cref="CompleteAsync"/> at the latest for a writer that stores in batches. A conflict with a stored trade is
    /// explained only as far as <paramref name="caller"/> may see that trade.
    /// </summary>
    void Store(in CheckedTrade trade, Caller caller);

    /// <summary>A row rejected before storing (while reading a file): reported to the outcomes in its place among the others.</summary>
    void Reject(int line, ReadOnlySpan<byte> raw, string reason);

    /// <summary>Stores whatever is pending and the aggregates of the inserted trades, inside the transaction.</summary>
    Task<StoredTrades> CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Commits, after checking the store still is the database the app opened (nothing is acknowledged into a vanished file).</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>A row that is not stored: its line, its text as received (UTF-8), and why.</summary>
public delegate void RowRejected(int line, ReadOnlySpan<byte> raw, string reason);

/// <summary>Where a writer reports what became of each line: stored, already stored (the same trade), or rejected.</summary>
public sealed class RowOutcomes(RowRejected rejected, Action<int>? inserted = null, Action<int>? duplicate = null)
{
    /// <summary>Whether anyone listens for single inserted lines (a writer that learns them only in bulk can skip reporting them).</summary>
    public bool WantsInserted => inserted is not null;

    public void Rejected(int line, ReadOnlySpan<byte> raw, string reason) => rejected(line, raw, reason);
    public void Inserted(int line) => inserted?.Invoke(line);
    public void Duplicate(int line) => duplicate?.Invoke(line);
}

/// <summary>What a transaction's storing did: trades inserted, identical ones already stored, and what changed for the live refresh.</summary>
public sealed record StoredTrades(int Inserted, int Duplicates, TradesChanged Changes);

/// <summary>A trade that passed every check, with its line (in a file or a group) and raw text; the spans are valid until the next row is read.</summary>
public readonly ref struct CheckedTrade
{
    public int Line { get; init; }
    public ReadOnlySpan<byte> Raw { get; init; }
    public ReadOnlySpan<byte> Id { get; init; }
    public ReadOnlySpan<byte> TraderId { get; init; }
    public DateOnly DeliveryDay { get; init; }
    public int DeliveryHour { get; init; }
    public TradeDirection Direction { get; init; }
    public long Price { get; init; }
    public int Quantity { get; init; }
    public DateTime ExecutionTimeUtc { get; init; }

    /// <summary>The longest UTF-8 of an id plus a trader id (each at most <see cref="TradeRules.MaxIdLength"/> UTF-16 units, 3 bytes each at most).</summary>
    public const int MaxUtf8Ids = 2 * 3 * TradeRules.MaxIdLength;

    /// <summary>A checked trade's view with its id and trader id encoded into <paramref name="utf8"/> (<see cref="MaxUtf8Ids"/> bytes).</summary>
    public static CheckedTrade Of(int line, ReadOnlySpan<byte> raw, Trade trade, Span<byte> utf8)
    {
        var idLength = Encoding.UTF8.GetBytes(trade.Id, utf8);
        var traderLength = Encoding.UTF8.GetBytes(trade.TraderId, utf8[idLength..]);
        return Of(line, raw, trade, utf8[..idLength], utf8.Slice(idLength, traderLength));
    }

    /// <summary>A checked trade's view with its id and trader id already in UTF-8.</summary>
    public static CheckedTrade Of(int line, ReadOnlySpan<byte> raw, Trade trade, ReadOnlySpan<byte> id, ReadOnlySpan<byte> traderId) =>
        new()
        {
            Line = line,
            Raw = raw,
            Id = id,
            TraderId = traderId,
            DeliveryDay = trade.DeliveryDay,
            DeliveryHour = trade.DeliveryHour,
            Direction = trade.Direction,
            Price = trade.Price,
            Quantity = trade.Quantity,
            ExecutionTimeUtc = trade.ExecutionTimeUtc,
        };

    public Trade ToTrade() => new()
    {
        Id = Encoding.UTF8.GetString(Id),
        TraderId = Encoding.UTF8.GetString(TraderId),
        DeliveryDay = DeliveryDay,
        DeliveryHour = DeliveryHour,
        Direction = Direction,
        Price = Price,
        Quantity = Quantity,
        ExecutionTimeUtc = ExecutionTimeUtc,
    };
}
