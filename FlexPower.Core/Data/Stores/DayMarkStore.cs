using System.Data.Common;
using System.Globalization;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Days = FlexPower.Core.Data.Configurations.TradeDayConfiguration;
using Quarters = FlexPower.Core.Data.Configurations.TradeQuarterConfiguration;
using M = FlexPower.Core.Data.Configurations.DayMarkConfiguration;
using P = FlexPower.Core.Data.Configurations.ReferencePriceConfiguration;
using S = FlexPower.Core.Data.Configurations.TradeSumColumns;

namespace FlexPower.Core.Data.Stores;

/// <summary>
/// Days marked to market for range reports and the desk summary. Marking needs every trader-quarter (Σ net kWh × R per quarter),
/// ~1.8M for a desk-wide year; <see cref="DayMark"/> rows cache it per trader and day, so a report reads one row per day.
/// A cached row is used only while its fingerprint — the day's aggregate (trades, kWh) and the series' prices of the day (rows,
/// latest import id: a correction is always the newest import, so it moves it) — is still the current one, all read in the
/// report's one statement. Reports never write: the days whose row is stale or missing are marked from the quarters in the same
/// read. A group of single trades marks the days it touched in its own commit (<see cref="MarkDaysStatement"/>), and
/// <see cref="MarkRefresher"/> (the leader, after files and prices) brings the rest of the cache up to date — so readers
/// never contend with the writers for SQLite's write lock or with each other for rows. Plain SQL both providers run.
/// </summary>
internal static class DayMarkStore
{
    private sealed record Row(string TraderId, DateOnly DeliveryDay, int TradeCount, long BuyKwh, long SellKwh, long BuyMillicents, long SellMillicents,
        long? MarkMillicents, int? PricedHours, int? UnpricedHours, int Fresh);

    public static async Task<IReadOnlyList<MarkedDay>> ReadAsync(FlexPowerDbContext db, string series, string? traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await ReadWithFreshnessAsync(db, series, traderId, from, to, cancellationToken)).Select(d => d.Day).ToList();

    private static async Task<List<(MarkedDay Day, bool Cached)>> ReadWithFreshnessAsync(FlexPowerDbContext db, string series, string? traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(db, series, traderId, from, to, cancellationToken);
        var stale = rows.Where(r => r.Fresh == 0).ToList();
        var computed = stale.Count == 0 ? new Dictionary<(string, DateOnly), Marks>()
            : await ComputeAsync(db, series, traderId, stale.Min(r => r.DeliveryDay), stale.Max(r => r.DeliveryDay), cancellationToken);
        return rows.Select(r => (new MarkedDay(r.TraderId, r.DeliveryDay, r.TradeCount, r.BuyKwh, r.SellKwh, r.BuyMillicents, r.SellMillicents,
            r.Fresh == 1 ? new Marks(r.MarkMillicents ?? 0, r.PricedHours ?? 0, r.UnpricedHours ?? 0) : computed.GetValueOrDefault((r.TraderId, r.DeliveryDay))), r.Fresh == 1)).ToList();
    }

    /// <summary>Every traded trader-day's marks in the range, from the quarters and the prices (what the cache would hold).</summary>
    private static async Task<Dictionary<(string, DateOnly), Marks>> ComputeAsync(FlexPowerDbContext db, string series, string? traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(db, $"""
            SELECT tq.{S.TraderId}, tq.{S.DeliveryDay}, {QuarterMarks}
            {QuartersPriced}
            WHERE tq.{S.DeliveryDay} >= @from AND tq.{S.DeliveryDay} <= @to {(traderId is null ? "" : $"AND tq.{S.TraderId} = @trader")}
            GROUP BY tq.{S.TraderId}, tq.{S.DeliveryDay}
            """, series, from, to, traderId, cancellationToken);
        var marks = new Dictionary<(string, DateOnly), Marks>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            marks[(reader.GetString(0), reader.GetFieldValue<DateOnly>(1))] = new Marks(Long(reader, 2), (int)Long(reader, 3), (int)Long(reader, 4));
        return marks;
    }

    /// <summary>
    /// The traded quarters: each row (tq) spelled out into the quarter-hours it covers (o: offsets below its length), its
    /// sums shared evenly among them (<see cref="PeriodSums.Spread"/>), with the series' price of each (p: the stored
    /// period it lies in), if any (parameter @series).
    /// </summary>
    private const string QuartersPriced = $"""
        FROM {Quarters.Table} tq
        {Spelled}
        {PriceOfQuarter}
        """;

    private const string Spelled = $"JOIN (SELECT 0 AS o UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) o ON o.o < tq.{Quarters.Quarters}";

    private const string TradedQuarter = $"(tq.{Quarters.Quarter} + o.o)";

    // The period containing the quarter; the first bound keeps the search on the key's range (no period is longer than an hour).
    private const string PriceOfQuarter = $"""
        LEFT JOIN {P.Table} p ON p.{P.Series} = @series AND p.{P.DeliveryDay} = tq.{S.DeliveryDay}
            AND p.{P.FirstQuarter} > {TradedQuarter} - {P.MaxQuarters} AND p.{P.FirstQuarter} <= {TradedQuarter}
            AND p.{P.FirstQuarter} + p.{P.Quarters} > {TradedQuarter}
        """;

    /// <summary>
    /// Σ net kWh × R over the quarters with a price (millicents), and how many traded clock hours — occurrences, quarter / 4:
    /// 25 on the autumn day — had a price in a traded quarter and how many lacked one in a traded quarter (an hour partly in
    /// quarter prices counts in both; over <see cref="QuartersPriced"/>; a row exists only where energy was traded), as
    /// <see cref="DayPeriods.MarksOf"/> counts them.
    /// </summary>
    private const string QuarterMarks = $"""
        SUM(CASE WHEN p.{P.PriceCents} IS NULL THEN 0 ELSE (tq.{S.BuyKwh} - tq.{S.SellKwh}) / tq.{Quarters.Quarters} * p.{P.PriceCents} END) AS {M.MarkMillicents},
        COUNT(DISTINCT CASE WHEN p.{P.PriceCents} IS NULL THEN NULL ELSE {TradedQuarter} / 4 END) AS {M.PricedHours},
        COUNT(DISTINCT CASE WHEN p.{P.PriceCents} IS NULL THEN {TradedQuarter} / 4 ELSE NULL END) AS {M.UnpricedHours}
        """;

    // A plain reader rather than EF's SqlQuery: materialising ~18k rows for a desk-wide year through EF took ~10× the query itself.
    private static async Task<List<Row>> QueryAsync(FlexPowerDbContext db, string series, string? traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // Two texts rather than "(@trader IS NULL OR ...)", which would keep SQLite from the trader's key range.
        await using var command = await CommandAsync(db, $"""
            SELECT d.{S.TraderId}, d.{S.DeliveryDay}, d.{S.TradeCount}, d.{S.BuyKwh}, d.{S.SellKwh}, d.{S.BuyMillicents}, d.{S.SellMillicents},
                   m.{M.MarkMillicents}, m.{M.PricedHours}, m.{M.UnpricedHours}, CASE WHEN {Fresh} THEN 1 ELSE 0 END
            {Source} {(traderId is null ? "" : $"AND d.{S.TraderId} = @trader")}
            """, series, from, to, traderId, cancellationToken);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new Row(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), (int)Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5), Long(reader, 6),
                reader.IsDBNull(7) ? null : Long(reader, 7), reader.IsDBNull(8) ? null : (int)Long(reader, 8), reader.IsDBNull(9) ? null : (int)Long(reader, 9), (int)Long(reader, 10)));
        return rows;
    }

    /// <summary>The daily aggregate (d), its cached marks (m) and the prices' fingerprint per day (f) (parameters @series, @from, @to).</summary>
    private const string Joined = $"""
        FROM {Days.Table} d
        LEFT JOIN {M.Table} m ON m.{M.Series} = @series AND m.{S.TraderId} = d.{S.TraderId} AND m.{S.DeliveryDay} = d.{S.DeliveryDay}
        LEFT JOIN (SELECT {P.DeliveryDay}, COUNT(*) AS {M.PriceRows}, MAX({P.ImportId}) AS {M.PriceImportId} FROM {P.Table}
                   WHERE {P.Series} = @series AND {P.DeliveryDay} >= @from AND {P.DeliveryDay} <= @to GROUP BY {P.DeliveryDay}) f ON f.{P.DeliveryDay} = d.{S.DeliveryDay}
        """;

    private const string Source = $"{Joined}\nWHERE d.{S.DeliveryDay} >= @from AND d.{S.DeliveryDay} <= @to";

    private const string Fresh = $"""
        m.{S.TradeCount} = d.{S.TradeCount} AND m.{S.BuyKwh} = d.{S.BuyKwh} AND m.{S.SellKwh} = d.{S.SellKwh}
        AND m.{M.PriceRows} = COALESCE(f.{M.PriceRows}, 0) AND m.{M.PriceImportId} = COALESCE(f.{M.PriceImportId}, 0)
        """;

    /// <summary>
    /// Per trader over the range: the daily aggregate's sums and the fresh cached marks' sums, added up by the database (the
    /// desk-wide year is ~18k trader-days; reading them one by one cost more than the query); the stale days' marks are
    /// computed from the quarters and added.
    /// </summary>
    public static async Task<IReadOnlyList<TraderMarks>> SumByTraderAsync(FlexPowerDbContext db, string series, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var sums = await SumsAsync(db, series, from, to, cancellationToken);
        var result = new List<TraderMarks>(sums.Count);
        foreach (var (trader, staleFrom, staleTo) in sums)
        {
            if (staleFrom is not { } first || staleTo is not { } last)
            {
                result.Add(trader);
                continue;
            }
            var days = await ReadWithFreshnessAsync(db, series, trader.TraderId, first, last, cancellationToken);
            result.Add(trader with { Marks = days.Where(d => !d.Cached).Aggregate(trader.Marks, (total, d) => total + d.Day.Marks) });
        }
        return result;
    }

    /// <summary>Every trader-day's cash PnL (millicents) in the range, read as it streams, for best and worst days.</summary>
    public static async Task ForEachDayPnlAsync(FlexPowerDbContext db, DateOnly from, DateOnly to, Action<string, DateOnly, long> day, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(db, $"""
            SELECT {S.TraderId}, {S.DeliveryDay}, {S.SellMillicents} - {S.BuyMillicents} FROM {Days.Table} WHERE {S.DeliveryDay} >= @from AND {S.DeliveryDay} <= @to
            """, null, from, to, null, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            day(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), Long(reader, 2));
    }

    private sealed record TraderSums(TraderMarks Sums, DateOnly? StaleFrom, DateOnly? StaleTo);

    private static async Task<List<TraderSums>> SumsAsync(FlexPowerDbContext db, string series, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(db, $"""
            SELECT d.{S.TraderId}, SUM(d.{S.TradeCount}), SUM(d.{S.BuyKwh}), SUM(d.{S.SellKwh}), SUM(d.{S.BuyMillicents}), SUM(d.{S.SellMillicents}),
                   SUM(CASE WHEN {Fresh} THEN m.{M.MarkMillicents} ELSE 0 END), SUM(CASE WHEN {Fresh} THEN m.{M.PricedHours} ELSE 0 END),
                   SUM(CASE WHEN {Fresh} THEN m.{M.UnpricedHours} ELSE 0 END),
                   MIN(CASE WHEN {Fresh} THEN NULL ELSE d.{S.DeliveryDay} END), MAX(CASE WHEN {Fresh} THEN NULL ELSE d.{S.DeliveryDay} END)
            {Source}
            GROUP BY d.{S.TraderId}
            """, series, from, to, null, cancellationToken);
        var rows = new List<TraderSums>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new TraderSums(
                new TraderMarks(reader.GetString(0), (int)Long(reader, 1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5),
                    new Marks(Long(reader, 6), (int)Long(reader, 7), (int)Long(reader, 8))),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10)));
        return rows;
    }

    /// <summary>The delivery days in the range with a trader whose cached marks are stale or missing, in order.</summary>
    public static async Task<List<DateOnly>> StaleDaysAsync(FlexPowerDbContext db, string series, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(db, $"""
            SELECT DISTINCT d.{S.DeliveryDay} {Source} AND CASE WHEN {Fresh} THEN 1 ELSE 0 END = 0 ORDER BY d.{S.DeliveryDay}
            """, series, from, to, null, cancellationToken);
        var days = new List<DateOnly>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) days.Add(reader.GetFieldValue<DateOnly>(0));
        return days;
    }

    /// <summary>Marks every stale or missing trader-day between the two from the quarters and the prices, and stores them: one statement.</summary>
    public static async Task<int> RefreshAsync(FlexPowerDbContext db, string series, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(db, $"""
            INSERT INTO {M.Table} ({MarkColumns})
            SELECT @series, d.{S.TraderId}, d.{S.DeliveryDay}, d.{S.TradeCount}, d.{S.BuyKwh}, d.{S.SellKwh}, COALESCE(f.{M.PriceRows}, 0), COALESCE(f.{M.PriceImportId}, 0),
                   COALESCE(h.{M.MarkMillicents}, 0), COALESCE(h.{M.PricedHours}, 0), COALESCE(h.{M.UnpricedHours}, 0)
            {Joined}
            LEFT JOIN (SELECT tq.{S.TraderId}, tq.{S.DeliveryDay}, {QuarterMarks}
                       {QuartersPriced}
                       WHERE tq.{S.DeliveryDay} >= @from AND tq.{S.DeliveryDay} <= @to
                       GROUP BY tq.{S.TraderId}, tq.{S.DeliveryDay}) h ON h.{S.TraderId} = d.{S.TraderId} AND h.{S.DeliveryDay} = d.{S.DeliveryDay}
            WHERE d.{S.DeliveryDay} >= @from AND d.{S.DeliveryDay} <= @to AND CASE WHEN {Fresh} THEN 1 ELSE 0 END = 0
            ORDER BY d.{S.TraderId}, d.{S.DeliveryDay}
            {ReplaceMarks}
            """, series, from, to, null, cancellationToken);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Marks the trader-days that <paramref name="keys"/> names (a row source aliased <c>k</c> with the columns trader_id and
    /// delivery_day) at the series @series from their quarters, and stores them — in the caller's transaction, after its
    /// aggregates. A group of single trades runs it for the days it touched, so while trades stream in, reports find those
    /// days current in the cache instead of marking them again on every read. The rows are written in key order, as
    /// <see cref="RefreshAsync"/> writes them, so two writers never wait for each other's rows in a cycle.
    /// </summary>
    internal static string MarkDaysStatement(string keys) => $"""
        INSERT INTO {M.Table} ({MarkColumns})
        SELECT @series, d.{S.TraderId}, d.{S.DeliveryDay}, d.{S.TradeCount}, d.{S.BuyKwh}, d.{S.SellKwh},
               (SELECT COUNT(*) FROM {P.Table} f WHERE f.{P.Series} = @series AND f.{P.DeliveryDay} = d.{S.DeliveryDay}),
               (SELECT COALESCE(MAX(f.{P.ImportId}), 0) FROM {P.Table} f WHERE f.{P.Series} = @series AND f.{P.DeliveryDay} = d.{S.DeliveryDay}),
               {QuarterMarks}
        FROM {keys}
        JOIN {Days.Table} d ON d.{S.TraderId} = k.{S.TraderId} AND d.{S.DeliveryDay} = k.{S.DeliveryDay}
        JOIN {Quarters.Table} tq ON tq.{S.TraderId} = d.{S.TraderId} AND tq.{S.DeliveryDay} = d.{S.DeliveryDay}
        {Spelled}
        {PriceOfQuarter}
        WHERE 1 = 1
        GROUP BY d.{S.TraderId}, d.{S.DeliveryDay}, d.{S.TradeCount}, d.{S.BuyKwh}, d.{S.SellKwh}
        ORDER BY d.{S.TraderId}, d.{S.DeliveryDay}
        {ReplaceMarks}
        """;

    private const string MarkColumns =
        $"{M.Series}, {S.TraderId}, {S.DeliveryDay}, {S.TradeCount}, {S.BuyKwh}, {S.SellKwh}, {M.PriceRows}, {M.PriceImportId}, {M.MarkMillicents}, {M.PricedHours}, {M.UnpricedHours}";

    // The SELECT before it always has a WHERE clause: SQLite's parser would otherwise read the ON CONFLICT's ON as a join's.
    private const string ReplaceMarks = $"""
        ON CONFLICT ({M.Series}, {S.TraderId}, {S.DeliveryDay}) DO UPDATE SET
            {S.TradeCount} = excluded.{S.TradeCount}, {S.BuyKwh} = excluded.{S.BuyKwh}, {S.SellKwh} = excluded.{S.SellKwh}, {M.PriceRows} = excluded.{M.PriceRows},
            {M.PriceImportId} = excluded.{M.PriceImportId}, {M.MarkMillicents} = excluded.{M.MarkMillicents}, {M.PricedHours} = excluded.{M.PricedHours}, {M.UnpricedHours} = excluded.{M.UnpricedHours}
        """;

    /// <summary>Drops the series' cached marks of the days between the two, in the context's transaction (a price import's).</summary>
    public static async Task ForgetAsync(FlexPowerDbContext db, string series, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(db, $"""
            DELETE FROM {M.Table} WHERE {M.Series} = @series AND {S.DeliveryDay} >= @from AND {S.DeliveryDay} <= @to
            """, series, from, to, null, cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A command on the context's connection (and transaction, if any) with the parameters the statements share.</summary>
    private static async Task<DbCommand> CommandAsync(FlexPowerDbContext db, string sql, string? series, DateOnly from, DateOnly to, string? traderId, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        if (series is not null) Add(command, "series", series);
        Add(command, "from", from);
        Add(command, "to", to);
        if (traderId is not null) Add(command, "trader", traderId);
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("@" + name, value);
        command.Parameters.Add(parameter);
    }

    // SQLite answers every integer as a 64-bit value, PostgreSQL as the column's own width.
    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
