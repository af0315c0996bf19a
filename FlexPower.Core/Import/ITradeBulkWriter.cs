using System.Data.Common;
using System.Text;
using FlexPower.Core.Accounts;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Import;

/// <summary>
/// Stores the checked trades of one file through a store's fastest bulk path (SQLite: prepared statements on its
/// C API; PostgreSQL would COPY), all in one transaction together with the file's aggregates and ledger lines.
/// </summary>
public interface ITradeBulkWriter
{
    /// <summary>
    /// Opens the file's transaction and so takes the store's write lock: call it only once the file has been read and
    /// checked. Conflicts are explained only as far as <paramref name="caller"/> may see the stored trade.
    /// </summary>
    Task<ITradeBulkWrite> BeginAsync(Caller caller, CancellationToken cancellationToken);
}

/// <summary>
/// One file's transaction: <see cref="Store"/> every trade, <see cref="CompleteAsync"/>, write the ledger in
/// <see cref="Transaction"/>, then <see cref="CommitAsync"/>. Disposing without a commit rolls everything back.
/// </summary>
public interface ITradeBulkWrite : IAsyncDisposable
{
    DbTransaction Transaction { get; }

    /// <summary>
    /// Stores a trade unless its id is taken. The same trade stored before counts as a duplicate; a stored trade
    /// that differs, or the id appearing earlier in the file, is reported to <paramref name="rejected"/> — at once,
    /// or by <see cref="CompleteAsync"/> at the latest for a writer that stores in batches.
    /// </summary>
    void Store(in CheckedTrade trade, RowRejected rejected);

    /// <summary>Stores whatever is pending and the aggregates of the inserted trades, inside the transaction.</summary>
    Task<StoredTrades> CompleteAsync(RowRejected rejected, CancellationToken cancellationToken);

    /// <summary>Commits, after checking the store still is the database the app opened (nothing is acknowledged into a vanished file).</summary>
    Task CommitAsync(CancellationToken cancellationToken);
}

/// <summary>A row that is not stored: its line, its text as in the file (UTF-8), and why.</summary>
public delegate void RowRejected(int line, ReadOnlySpan<byte> raw, string reason);

/// <summary>What a file's storing did: trades inserted, identical ones already stored, and what changed for the live refresh.</summary>
public sealed record StoredTrades(int Inserted, int Duplicates, TradesChanged Changes);

/// <summary>A trade that passed every check, with its file line and raw text; the spans are valid until the next row is read.</summary>
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
