using System.Data.Common;
using System.Globalization;
using System.Runtime.InteropServices;
using FlexPower.Core.Common;
using FlexPower.Core.Data.TradeWrites;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using Microsoft.Data.Sqlite;
using Npgsql;
using Days = FlexPower.Core.Data.Configurations.TradeDayConfiguration;
using Quarters = FlexPower.Core.Data.Configurations.TradeQuarterConfiguration;
using S = FlexPower.Core.Data.Configurations.TradeSumColumns;
using T = FlexPower.Core.Data.Configurations.TradeConfiguration;

namespace FlexPower.Core.Data.Stores;

/// <summary>
/// The aggregates against the trades they sum: how many keys disagree, and a rebuild from scratch. The trades are summed
/// by the write path's own <see cref="AggregateBatch"/> (a trade's period spread over its quarter-hours), so the check
/// holds the aggregates to the one definition, and a rebuild writes them as an import would.
/// </summary>
public static class AggregateStore
{
    /// <summary>
    /// The quarter keys and the day keys whose stored sums differ from the sums of the trades (missing, extra or wrong). The
    /// quarters are compared as <see cref="PeriodSums.Spread"/> reads them, so rows of an hour written per quarter (before
    /// whole hours had a row) agree with the trades as a row of the hour would; a row with a wrong delivery hour, or sums its
    /// quarters cannot share evenly, differs.
    /// </summary>
    public static async Task<(int Quarters, int Days)> CountDifferencesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var batch = await SumTradesAsync(connection, null, cancellationToken);
        var expected = batch.Periods().ToLookup(p => (batch.Traders[p.Trader], p.Day), p => p.Period());
        var expectedDays = batch.Days().ToDictionary(d => (batch.Traders[d.Trader], d.Day), d => Sums(d.Sums));

        var stored = new Dictionary<(string, DateOnly), List<PeriodSums>>();
        var wrongRows = 0;
        await ReadAsync(connection, $"SELECT {Quarters.Columns} FROM {Quarters.Table}", reader =>
        {
            var (trader, day, quarter, quarters) = (reader.GetString(0), reader.GetFieldValue<DateOnly>(1), (int)Long(reader, 2), (int)Long(reader, 3));
            var (count, buyKwh, sellKwh, buyMillicents, sellMillicents) = Sums(reader, 5);
            var row = new PeriodSums(quarter, quarters, count, buyKwh, sellKwh, buyMillicents, sellMillicents);
            var hour = reader.IsDBNull(4) ? null : (int?)Long(reader, 4);
            if (hour != BerlinQuarters.DeliveryHourOf(BerlinQuarters.CountOf(day), quarter) || !row.SharesEvenly) wrongRows++;
            (CollectionsMarshal.GetValueRefOrAddDefault(stored, (trader, day), out _) ??= []).Add(row);
        }, cancellationToken);
        var differentQuarters = wrongRows;
        foreach (var key in stored.Keys.Union(expected.Select(g => g.Key)))
        {
            var want = PeriodSums.Spread(expected[key]).ToDictionary(q => q.Quarter);
            foreach (var quarter in PeriodSums.Spread(stored.GetValueOrDefault(key) ?? []))
                if (!want.Remove(quarter.Quarter, out var sums) || sums != quarter) differentQuarters++;
            differentQuarters += want.Count;
        }
        var differentDays = 0;
        await ReadAsync(connection, $"SELECT {Days.Key}, {S.Sums} FROM {Days.Table}", reader =>
        {
            if (!expectedDays.Remove((reader.GetString(0), reader.GetFieldValue<DateOnly>(1)), out var sums) || sums != Sums(reader, 2)) differentDays++;
        }, cancellationToken);
        return (differentQuarters, differentDays + expectedDays.Count);
    }

    /// <summary>Recomputes both aggregates from the trades in one transaction.</summary>
    public static async Task RebuildAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = await SumTradesAsync(connection, transaction, cancellationToken);
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM {Quarters.Table}; DELETE FROM {Days.Table};";
            delete.CommandTimeout = 0;
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        switch (connection)
        {
            case SqliteConnection sqlite: SqliteAggregates.Flush(batch, sqlite, null); break;
            case NpgsqlConnection postgres: await new PostgresAggregates(batch).WriteAsync(postgres, (NpgsqlTransaction)transaction, null, cancellationToken); break;
            default: throw new NotSupportedException(connection.GetType().Name);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<AggregateBatch> SumTradesAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var batch = new AggregateBatch();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {T.TraderId}, {T.DeliveryStartUtc}, {T.DeliveryEndUtc}, {T.QuantityTenths}, {T.Price}, {T.Direction} FROM {T.Table}";
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            batch.Add(reader.GetString(0), StoredInstant.Read(reader, 1), StoredInstant.Read(reader, 2), Long(reader, 3), Long(reader, 4), StoredText.ParseDirection(reader.GetString(5)));
        return batch;
    }

    private static (int, long, long, long, long) Sums(in AggregateSums s) => (s.Count, s.BuyKwh, s.SellKwh, s.BuyMillicents, s.SellMillicents);

    private static (int, long, long, long, long) Sums(DbDataReader r, int first) =>
        ((int)Long(r, first), Long(r, first + 1), Long(r, first + 2), Long(r, first + 3), Long(r, first + 4));

    private static async Task ReadAsync(DbConnection connection, string sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) row(reader);
    }

    // SQLite answers every integer as a 64-bit value, PostgreSQL as the column's own width.
    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
