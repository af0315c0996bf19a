using System.Data.Common;
using System.Text;
using FlexPower.Core.Accounts;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Data.TradeWrites;

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

internal static class TradeBatches
{
    /// <summary>
    /// The series whose day marks a batch brings up to date in its own commit: single trades keep the reports' series
    /// current for the dashboards; a file's days are many, and <see cref="MarkRefresher"/> marks them after it.
    /// </summary>
    public static string? MarkedSeries(this TradeBatch batch, ReportOptions reports) => batch == TradeBatch.Requests ? reports.ReferenceSeries : null;
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
