using System.Data.Common;
using FlexPower.Core.Accounts;
using FlexPower.Core.Trades;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// One transaction's trades on PostgreSQL. Every row is kept in a spool, and trades stream by binary COPY straight into
/// <c>trades</c> as they come, inside a savepoint, their aggregates summed on the way. An id that is taken (stored before,
/// or twice in the batch) fails that COPY as a whole: the transaction goes back to the savepoint, the taken ids' lines
/// are looked up, and the other trades are copied again from the spool. What became of each row is reported from the
/// spool afterwards (no other statement can run while a COPY is open), in line order.
/// </summary>
internal sealed class PostgresTradeWrite(NpgsqlConnection connection, NpgsqlTransaction transaction, TradeBatch batch, RowOutcomes outcomes, string? markSeries, ILogger logger)
    : ITradeWrite
{
    private const string BeforeCopy = "before_trades_copy";

    private readonly CheckedRowSpool rows = CheckedRowSpool.Create();
    private readonly AggregateBatch aggregates = new();
    private readonly Dictionary<int, Caller> callers = [];
    private Caller? firstCaller;
    private PostgresTradeCopy? copy;
    private int trades, rejected;

    public DbTransaction Transaction => transaction;

    public void Store(in CheckedTrade trade, Caller caller)
    {
        rows.AddTrade(trade);
        trades++;
        // A file has one caller; a group of requests may have many: remember only those that differ from the first.
        firstCaller ??= caller;
        if (caller != firstCaller) callers[trade.Line] = caller;
        if (copy is null)
        {
            // The COPY starts with the first trade, so the caller may use the connection (the ledger line) before that.
            transaction.Save(BeforeCopy);
            copy = PostgresTradeCopy.Begin(connection, aggregates);
        }
        copy.Write(trade);
    }

    public void Reject(int line, ReadOnlySpan<byte> raw, string reason)
    {
        rows.AddRejection(line, raw, reason);
        rejected++;
    }

    public async Task<StoredTrades> CompleteAsync(CancellationToken cancellationToken)
    {
        rows.Rewind();
        var taken = PostgresTakenIds.None(connection, transaction);
        var sums = copy is null ? new PostgresAggregates(aggregates) : await CompleteCopyAsync(cancellationToken);
        while (sums is null)
        {
            // An id was taken: copy the trades whose id is not, from the spool; look again if another writer took more meanwhile.
            taken = await PostgresTakenIds.FindAsync(connection, transaction, rows, cancellationToken);
            logger.LogDebug("{Taken} of {Trades} trades have an id stored before or earlier in the batch: copying the others again", taken.Count, trades);
            copy = PostgresTradeCopy.Begin(connection, aggregates);
            rows.Rewind();
            while (rows.Read(out var row))
                if (row.Reason is null && !taken.Contains(row.Line)) copy.Write(row.Trade);
            sums = await CompleteCopyAsync(cancellationToken);
        }
        await sums.WriteAsync(connection, transaction, markSeries, cancellationToken);
        var duplicates = rejected > 0 || taken.Count > 0 || outcomes.WantsInserted ? await ReportAsync(taken, cancellationToken) : 0;
        return new StoredTrades(trades - taken.Count, duplicates, sums.Changes);
    }

    /// <summary>
    /// Ends the COPY, sorting its aggregates while the server inserts the last rows. Null when an id was taken: then the
    /// COPY stored nothing, and the transaction is back at the savepoint.
    /// </summary>
    private async Task<PostgresAggregates?> CompleteCopyAsync(CancellationToken cancellationToken)
    {
        try
        {
            copy!.Send();
            var sums = new PostgresAggregates(aggregates);
            await copy.CompleteAsync(cancellationToken);
            return sums;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await copy!.DisposeAsync();
            copy = null;
            await transaction.RollbackAsync(BeforeCopy, cancellationToken);
            aggregates.Clear();
            return null;
        }
        finally
        {
            // Npgsql gives the connection back for other statements only once the COPY is disposed.
            if (copy is not null) await copy.DisposeAsync();
            copy = null;
        }
    }

    /// <summary>Reports every row in line order: rejected while reading, taken (duplicate or rejected), or inserted; returns the duplicates.</summary>
    private async Task<int> ReportAsync(PostgresTakenIds taken, CancellationToken cancellationToken)
    {
        var met = await taken.OpenMetAsync(cancellationToken);
        var duplicates = 0;
        rows.Rewind();
        while (true)
        {
            if (met.NeedsPage) await met.FetchAsync(cancellationToken);
            if (!rows.Read(out var row)) return duplicates;
            if (row.Reason is not null) outcomes.Rejected(row.Line, row.Raw, row.Reason);
            else if (!taken.Contains(row.Line)) outcomes.Inserted(row.Line);
            else
            {
                var (stored, storedByThisBatch) = met.Next(row.Line);
                if (TradeConflict.Report(outcomes, batch, callers.GetValueOrDefault(row.Line, firstCaller!), row.Trade, stored, storedByThisBatch)) duplicates++;
            }
        }
    }

    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (copy is not null) await copy.DisposeAsync();
        rows.Dispose();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }
}
