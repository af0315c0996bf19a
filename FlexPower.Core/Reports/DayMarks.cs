using System.Data.Common;
using System.Globalization;
using FlexPower.Core.Data;
using FlexPower.Core.Trades;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlexPower.Core.Reports;

/// <summary>One trader's day from the daily aggregate, with its positions marked at a reference series.</summary>
public sealed record MarkedDay(string TraderId, DateOnly DeliveryDay, int TradeCount, long BuyMw, long SellMw, long BuyCents, long SellCents, Marks Marks);

/// <summary>One trader's sums over a range of days, with the days' positions marked at a reference series.</summary>
public sealed record TraderMarks(string TraderId, int TradeCount, long BuyMw, long SellMw, long BuyCents, long SellCents, Marks Marks);

/// <summary>
/// Days marked to market for range reports and the desk summary. Marking needs every trader-hour (Σ net × R per hour), ~440k
/// rows for a desk-wide year; <see cref="DayMark"/> rows cache it per trader and day, so a report reads one row per day.
/// A cached row is used only while its fingerprint — the day's aggregate (trades, MW) and the series' prices of the day (rows,
/// latest import id: a correction is always the newest import, so it moves it) — is still the current one, all read in the
/// report's one statement. Reports never write: the days whose row is stale or missing are marked from the hours in the same
/// read, and <see cref="MarkRefresher"/> (the leader, after trades and prices change) brings the cache up to date — so
/// readers never contend with the writers for SQLite's write lock or with each other for rows. Plain SQL both providers run.
/// </summary>
internal static class DayMarks
{
    private sealed record Row(string TraderId, DateOnly DeliveryDay, int TradeCount, long BuyMw, long SellMw, long BuyCents, long SellCents,
        long? MarkCents, int? PricedHours, int? UnpricedHours, int Fresh);

    public static async Task<IReadOnlyList<MarkedDay>> ReadAsync(FlexPowerDbContext db, string series, string? traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await ReadWithFreshnessAsync(db, series, traderId, from, to, cancellationToken)).Select(d => d.Day).ToList();

    private static async Task<List<(MarkedDay Day, bool Cached)>> ReadWithFreshnessAsync(FlexPowerDbContext db, string series, string? traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(db, series, traderId, from, to, cancellationToken);
        var stale = rows.Where(r => r.Fresh == 0).ToList();
        var computed = stale.Count == 0 ? new Dictionary<(string, DateOnly), Marks>()
            : await ComputeAsync(db, series, traderId, stale.Min(r => r.DeliveryDay), stale.Max(r => r.DeliveryDay), cancellationToken);
        return rows.Select(r => (new MarkedDay(r.TraderId, r.DeliveryDay, r.TradeCount, r.BuyMw, r.SellMw, r.BuyCents, r.SellCents,
            r.Fresh == 1 ? new Marks(r.MarkCents ?? 0, r.PricedHours ?? 0, r.UnpricedHours ?? 0) : computed.GetValueOrDefault((r.TraderId, r.DeliveryDay))), r.Fresh == 1)).ToList();
    }

    /// <summary>Every traded trader-day's marks in the range, from the hours and the prices (what the cache would hold).</summary>
    private static async Task<Dictionary<(string, DateOnly), Marks>> ComputeAsync(FlexPowerDbContext db, string series, string? traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"""
            SELECT th.trader_id, th.delivery_day, {HourMarks}
            FROM trade_hours th
            LEFT JOIN reference_prices p ON p.series = @series AND p.delivery_day = th.delivery_day AND p.delivery_hour = th.delivery_hour
            WHERE th.delivery_day >= @from AND th.delivery_day <= @to {(traderId is null ? "" : "AND th.trader_id = @trader")}
            GROUP BY th.trader_id, th.delivery_day
            """;
        Add(command, "series", series);
        Add(command, "from", from);
        Add(command, "to", to);
        if (traderId is not null) Add(command, "trader", traderId);
        var marks = new Dictionary<(string, DateOnly), Marks>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            marks[(reader.GetString(0), reader.GetFieldValue<DateOnly>(1))] = new Marks(Long(reader, 2), (int)Long(reader, 3), (int)Long(reader, 4));
        return marks;
    }

    /// <summary>Σ net × R over the hours with a price, and how many traded hours had one and how many not (over trade_hours th, reference_prices p).</summary>
    private const string HourMarks = """
        SUM(CASE WHEN p.price_cents IS NULL THEN 0 ELSE (th.buy_mw - th.sell_mw) * p.price_cents END) AS mark_cents,
        SUM(CASE WHEN p.price_cents IS NULL OR th.trade_count = 0 THEN 0 ELSE 1 END) AS priced_hours,
        SUM(CASE WHEN p.price_cents IS NULL AND th.trade_count > 0 THEN 1 ELSE 0 END) AS unpriced_hours
        """;

    // A plain reader rather than EF's SqlQuery: materialising ~18k rows for a desk-wide year through EF took ~10× the query itself.
    private static async Task<List<Row>> QueryAsync(FlexPowerDbContext db, string series, string? traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // Two texts rather than "(@trader IS NULL OR ...)", which would keep SQLite from the trader's key range.
        var traderFilter = traderId is null ? "" : "AND d.trader_id = @trader";
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"""
            SELECT d.trader_id, d.delivery_day, d.trade_count, d.buy_mw, d.sell_mw, d.buy_cents, d.sell_cents,
                   m.mark_cents, m.priced_hours, m.unpriced_hours, CASE WHEN {Fresh} THEN 1 ELSE 0 END
            {Source} {traderFilter}
            """;
        Add(command, "series", series);
        Add(command, "from", from);
        Add(command, "to", to);
        if (traderId is not null) Add(command, "trader", traderId);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new Row(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), (int)Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5), Long(reader, 6),
                reader.IsDBNull(7) ? null : Long(reader, 7), reader.IsDBNull(8) ? null : (int)Long(reader, 8), reader.IsDBNull(9) ? null : (int)Long(reader, 9), (int)Long(reader, 10)));
        return rows;
    }

    /// <summary>The daily aggregate, its cached marks and the prices' fingerprint per day (parameters @series, @from, @to).</summary>
    private const string Joined = """
        FROM trade_days d
        LEFT JOIN trade_day_marks m ON m.series = @series AND m.trader_id = d.trader_id AND m.delivery_day = d.delivery_day
        LEFT JOIN (SELECT delivery_day, COUNT(*) AS price_rows, MAX(import_id) AS price_import_id FROM reference_prices
                   WHERE series = @series AND delivery_day >= @from AND delivery_day <= @to GROUP BY delivery_day) f ON f.delivery_day = d.delivery_day
        """;

    private const string Source = Joined + "\nWHERE d.delivery_day >= @from AND d.delivery_day <= @to";

    private const string Fresh = """
        m.trade_count = d.trade_count AND m.buy_mw = d.buy_mw AND m.sell_mw = d.sell_mw
        AND m.price_rows = COALESCE(f.price_rows, 0) AND m.price_import_id = COALESCE(f.price_import_id, 0)
        """;

    /// <summary>
    /// Per trader over the range: the daily aggregate's sums and the fresh cached marks' sums, added up by the database (the
    /// desk-wide year is ~18k trader-days; reading them one by one cost more than the query); the stale days' marks are
    /// computed from the hours and added.
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

    /// <summary>Every trader-day's cash PnL (eurocent) in the range, read as it streams, for best and worst days.</summary>
    public static async Task ForEachDayPnlAsync(FlexPowerDbContext db, DateOnly from, DateOnly to, Action<string, DateOnly, long> day, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT trader_id, delivery_day, sell_cents - buy_cents FROM trade_days WHERE delivery_day >= @from AND delivery_day <= @to";
        Add(command, "from", from);
        Add(command, "to", to);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            day(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), Long(reader, 2));
    }

    private sealed record TraderSums(TraderMarks Sums, DateOnly? StaleFrom, DateOnly? StaleTo);

    private static async Task<List<TraderSums>> SumsAsync(FlexPowerDbContext db, string series, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"""
            SELECT d.trader_id, SUM(d.trade_count), SUM(d.buy_mw), SUM(d.sell_mw), SUM(d.buy_cents), SUM(d.sell_cents),
                   SUM(CASE WHEN {Fresh} THEN m.mark_cents ELSE 0 END), SUM(CASE WHEN {Fresh} THEN m.priced_hours ELSE 0 END),
                   SUM(CASE WHEN {Fresh} THEN m.unpriced_hours ELSE 0 END),
                   MIN(CASE WHEN {Fresh} THEN NULL ELSE d.delivery_day END), MAX(CASE WHEN {Fresh} THEN NULL ELSE d.delivery_day END)
            {Source}
            GROUP BY d.trader_id
            """;
        Add(command, "series", series);
        Add(command, "from", from);
        Add(command, "to", to);
        var rows = new List<TraderSums>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new TraderSums(
                new TraderMarks(reader.GetString(0), (int)Long(reader, 1), Long(reader, 2), Long(reader, 3), Long(reader, 4), Long(reader, 5),
                    new Marks(Long(reader, 6), (int)Long(reader, 7), (int)Long(reader, 8))),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10)));
        return rows;
    }

    // SQLite answers every integer as a 64-bit value, PostgreSQL as the column's own width.
    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = ("@" + name, value);
        command.Parameters.Add(parameter);
    }

    /// <summary>The delivery days in the range with a trader whose cached marks are stale or missing, in order.</summary>
    public static async Task<List<DateOnly>> StaleDaysAsync(FlexPowerDbContext db, string series, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT DISTINCT d.delivery_day {Source} AND CASE WHEN {Fresh} THEN 1 ELSE 0 END = 0 ORDER BY d.delivery_day";
        Add(command, "series", series);
        Add(command, "from", from);
        Add(command, "to", to);
        var days = new List<DateOnly>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) days.Add(reader.GetFieldValue<DateOnly>(0));
        return days;
    }

    /// <summary>Marks every stale or missing trader-day between the two from the hours and the prices, and stores them: one statement.</summary>
    public static async Task<int> RefreshAsync(FlexPowerDbContext db, string series, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"""
            INSERT INTO trade_day_marks (series, trader_id, delivery_day, trade_count, buy_mw, sell_mw, price_rows, price_import_id, mark_cents, priced_hours, unpriced_hours)
            SELECT @series, d.trader_id, d.delivery_day, d.trade_count, d.buy_mw, d.sell_mw, COALESCE(f.price_rows, 0), COALESCE(f.price_import_id, 0),
                   COALESCE(h.mark_cents, 0), COALESCE(h.priced_hours, 0), COALESCE(h.unpriced_hours, 0)
            {Joined}
            LEFT JOIN (SELECT th.trader_id, th.delivery_day, {HourMarks}
                       FROM trade_hours th
                       LEFT JOIN reference_prices p ON p.series = @series AND p.delivery_day = th.delivery_day AND p.delivery_hour = th.delivery_hour
                       WHERE th.delivery_day >= @from AND th.delivery_day <= @to
                       GROUP BY th.trader_id, th.delivery_day) h ON h.trader_id = d.trader_id AND h.delivery_day = d.delivery_day
            WHERE d.delivery_day >= @from AND d.delivery_day <= @to AND CASE WHEN {Fresh} THEN 1 ELSE 0 END = 0
            ON CONFLICT (series, trader_id, delivery_day) DO UPDATE SET
                trade_count = excluded.trade_count, buy_mw = excluded.buy_mw, sell_mw = excluded.sell_mw, price_rows = excluded.price_rows,
                price_import_id = excluded.price_import_id, mark_cents = excluded.mark_cents, priced_hours = excluded.priced_hours, unpriced_hours = excluded.unpriced_hours
            """;
        Add(command, "series", series);
        Add(command, "from", from);
        Add(command, "to", to);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
