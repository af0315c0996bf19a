using System.Text;
using FlexPower.Core.Data.Stores;
using FlexPower.Core.Trades;
using Npgsql;
using Days = FlexPower.Core.Data.Configurations.TradeDayConfiguration;
using Quarters = FlexPower.Core.Data.Configurations.TradeQuarterConfiguration;
using S = FlexPower.Core.Data.Configurations.TradeSumColumns;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// An <see cref="AggregateBatch"/> sorted and ready for the period and daily aggregates. Many keys (a file's
/// periods, mostly seen for the first time) go in by binary COPY, inside a savepoint: for ~440k hours that took half the
/// time of any upsert (measured). When a key already exists the COPY fails as a whole, and one upsert statement per
/// table adds the sums instead, sent as arrays. A few keys (a group of single trades, whose quarters mostly exist) go
/// straight to the upsert.
/// </summary>
internal sealed class PostgresAggregates
{
    private const string BeforeCopy = "before_aggregates_copy";
    private const int CopyFrom = 1_000;
    private static readonly string MarkDays = DayMarkStore.MarkDaysStatement($"unnest(@traders, @days) AS k({S.TraderId}, {S.DeliveryDay})");

    private readonly AggregateBatch batch;
    private readonly AggregateBatch.SortedPeriods periods;
    private readonly byte[][] traders;

    /// <summary>Sorts the sums: CPU work the caller can do while the server is still busy.</summary>
    public PostgresAggregates(AggregateBatch batch)
    {
        this.batch = batch;
        periods = batch.Periods();
        traders = [.. batch.Traders.Select(Encoding.UTF8.GetBytes)];
        Changes = batch.Changes;
    }

    /// <summary>What the sums change, for the live-refresh notice.</summary>
    public TradesChanged Changes { get; }

    /// <summary>
    /// Writes the sums; with <paramref name="markSeries"/>, also marks the trader-days they touched at that series (see
    /// <see cref="DayMarkStore.MarkDaysStatement"/>). The statements that need no COPY go in one round trip.
    /// </summary>
    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string? markSeries, CancellationToken cancellationToken)
    {
        if (periods.Count == 0) return;
        await using var statements = new NpgsqlBatch(connection, transaction) { Timeout = 0 };
        var days = batch.Days();
        await WriteAsync(QuarterTable, periods, statements, cancellationToken);
        await WriteAsync(DayTable, days, statements, cancellationToken);
        if (markSeries is not null)
        {
            var marks = new NpgsqlBatchCommand(MarkDays);
            marks.Parameters.AddWithValue("series", markSeries);
            marks.Parameters.AddWithValue("traders", Column(days, d => batch.Traders[d.Trader]));
            marks.Parameters.AddWithValue("days", Column(days, d => d.Day));
            statements.BatchCommands.Add(marks);
        }
        if (statements.BatchCommands.Count > 0) await statements.ExecuteNonQueryAsync(cancellationToken);
    }

    private static readonly Table QuarterTable = new(Quarters.Table, Quarters.Key, Quarterly: true);
    private static readonly Table DayTable = new(Days.Table, Days.Key, Quarterly: false);

    /// <summary>An aggregate table, with its statements written once.</summary>
    private sealed record Table(string Name, string Key, bool Quarterly)
    {
        public string Columns { get; } = Quarterly ? Quarters.Columns : $"{Key}, {S.Sums}";

        public string Upsert { get; } = $"""
            INSERT INTO {Name} AS a ({(Quarterly ? Quarters.Columns : $"{Key}, {S.Sums}")})
            SELECT * FROM unnest(@traders, @days, {(Quarterly ? "@quarters, @lengths, @hours, " : "")}@counts, @buy_kwh, @sell_kwh, @buy_millicents, @sell_millicents)
            ON CONFLICT ({Key}) DO UPDATE SET {S.AddSums}
            """;
    }

    /// <summary>Copies many rows now; adds the upsert of a few (or of rows whose key exists) to <paramref name="statements"/>.</summary>
    private async Task WriteAsync(Table table, IReadOnlyCollection<AggregatePeriod> rows, NpgsqlBatch statements, CancellationToken cancellationToken)
    {
        if (rows.Count < CopyFrom)
        {
            statements.BatchCommands.Add(Upsert(table, rows));
            return;
        }
        var transaction = statements.Transaction!;
        await transaction.SaveAsync(BeforeCopy, cancellationToken);
        try
        {
            await using var copy = PostgresCopyWriter.Begin(statements.Connection!, table.Name, table.Columns);
            foreach (var row in rows)
            {
                copy.StartRow(table.Quarterly ? (short)10 : (short)7);
                copy.Text(traders[row.Trader]);
                copy.Date(row.Day);
                if (table.Quarterly)
                {
                    copy.Int4(row.Quarter);
                    copy.Int4(row.Quarters);
                    if (row.DeliveryHour is { } hour) copy.Int4(hour);
                    else copy.Null();
                }
                copy.Int4(row.Sums.Count);
                copy.Int8(row.Sums.BuyKwh);
                copy.Int8(row.Sums.SellKwh);
                copy.Int8(row.Sums.BuyMillicents);
                copy.Int8(row.Sums.SellMillicents);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await transaction.RollbackAsync(BeforeCopy, cancellationToken);
            statements.BatchCommands.Add(Upsert(table, rows));
        }
    }

    private NpgsqlBatchCommand Upsert(Table table, IReadOnlyCollection<AggregatePeriod> rows)
    {
        var upsert = new NpgsqlBatchCommand(table.Upsert);
        upsert.Parameters.AddWithValue("traders", Column(rows, r => batch.Traders[r.Trader]));
        upsert.Parameters.AddWithValue("days", Column(rows, r => r.Day));
        if (table.Quarterly)
        {
            upsert.Parameters.AddWithValue("quarters", Column(rows, r => r.Quarter));
            upsert.Parameters.AddWithValue("lengths", Column(rows, r => r.Quarters));
            upsert.Parameters.AddWithValue("hours", Column(rows, r => r.DeliveryHour));
        }
        upsert.Parameters.AddWithValue("counts", Column(rows, r => r.Sums.Count));
        upsert.Parameters.AddWithValue("buy_kwh", Column(rows, r => r.Sums.BuyKwh));
        upsert.Parameters.AddWithValue("sell_kwh", Column(rows, r => r.Sums.SellKwh));
        upsert.Parameters.AddWithValue("buy_millicents", Column(rows, r => r.Sums.BuyMillicents));
        upsert.Parameters.AddWithValue("sell_millicents", Column(rows, r => r.Sums.SellMillicents));
        return upsert;
    }

    private static T[] Column<T>(IReadOnlyCollection<AggregatePeriod> rows, Func<AggregatePeriod, T> value)
    {
        var (column, next) = (new T[rows.Count], 0);
        foreach (var row in rows) column[next++] = value(row);
        return column;
    }
}
