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
/// latest import id: a correction is always the newest import, so it moves it) — is still the current one, all read in the report's one statement; stale or missing rows are computed
/// again from the hours, per trader over the stale days, and upserted. Plain SQL both providers run.
/// </summary>
internal static class DayMarks
{
    private sealed record Row(string TraderId, DateOnly DeliveryDay, int TradeCount, long BuyMw, long SellMw, long BuyCents, long SellCents,
        long? MarkCents, int? PricedHours, int? UnpricedHours, int Fresh);

    public static async Task<IReadOnlyList<MarkedDay>> ReadAsync(FlexPowerDbContext db, string series, string? traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(db, series, traderId, from, to, cancellationToken);
        var stale = rows.Where(r => r.Fresh == 0).ToList();
        if (stale.Count > 0)
        {
            foreach (var trader in stale.GroupBy(r => r.TraderId))
                await RefreshAsync(db, series, trader.Key, trader.Min(r => r.DeliveryDay), trader.Max(r => r.DeliveryDay), cancellationToken);
            rows = await QueryAsync(db, series, traderId, from, to, cancellationToken);
        }
        return rows.Select(r => new MarkedDay(r.TraderId, r.DeliveryDay, r.TradeCount, r.BuyMw, r.SellMw, r.BuyCents, r.SellCents,
            // A row written a moment ago may already be stale again (a trade arrived): its hours are read afresh next time.
            new Marks(r.MarkCents ?? 0, r.PricedHours ?? 0, r.UnpricedHours ?? 0))).ToList();
    }

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

    /// <summary>The daily aggregate in the range, its cached marks and the prices' fingerprint per day (parameters @series, @from, @to).</summary>
    private const string Source = """
        FROM trade_days d
        LEFT JOIN trade_day_marks m ON m.series = @series AND m.trader_id = d.trader_id AND m.delivery_day = d.delivery_day
        LEFT JOIN (SELECT delivery_day, COUNT(*) AS price_rows, MAX(import_id) AS price_import_id FROM reference_prices
                   WHERE series = @series AND delivery_day >= @from AND delivery_day <= @to GROUP BY delivery_day) f ON f.delivery_day = d.delivery_day
        WHERE d.delivery_day >= @from AND d.delivery_day <= @to
        """;

    private const string Fresh = """
        m.trade_count = d.trade_count AND m.buy_mw = d.buy_mw AND m.sell_mw = d.sell_mw
        AND m.price_rows = COALESCE(f.price_rows, 0) AND m.price_import_id = COALESCE(f.price_import_id, 0)
        """;

    /// <summary>
    /// Per trader over the range: the daily aggregate's sums and the cached marks' sums, added up by the database (the
    /// desk-wide year is ~18k trader-days; reading them one by one cost more than the query). Stale marks are refreshed first.
    /// </summary>
    public static async Task<IReadOnlyList<TraderMarks>> SumByTraderAsync(FlexPowerDbContext db, string series, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var sums = await SumsAsync(db, series, from, to, cancellationToken);
            var stale = sums.Where(t => t.StaleFrom is not null).ToList();
            // A trade may arrive between the refresh and the second read; its day is read afresh next time, as in ReadAsync.
            if (stale.Count == 0 || attempt == 1) return sums.Select(t => t.Sums).ToList();
            foreach (var trader in stale)
                await RefreshAsync(db, series, trader.Sums.TraderId, trader.StaleFrom!.Value, trader.StaleTo!.Value, cancellationToken);
        }
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
                   SUM(COALESCE(m.mark_cents, 0)), SUM(COALESCE(m.priced_hours, 0)), SUM(COALESCE(m.unpriced_hours, 0)),
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

    /// <summary>Computes one trader's marks for the days between the two from the hours and the prices, and stores them.</summary>
    private static Task RefreshAsync(FlexPowerDbContext db, string series, string traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO trade_day_marks (series, trader_id, delivery_day, trade_count, buy_mw, sell_mw, price_rows, price_import_id, mark_cents, priced_hours, unpriced_hours)
            SELECT {series}, d.trader_id, d.delivery_day, d.trade_count, d.buy_mw, d.sell_mw, COALESCE(f.price_rows, 0), COALESCE(f.price_import_id, 0),
                   COALESCE(h.mark_cents, 0), COALESCE(h.priced_hours, 0), COALESCE(h.unpriced_hours, 0)
            FROM trade_days d
            LEFT JOIN (SELECT delivery_day, COUNT(*) AS price_rows, MAX(import_id) AS price_import_id FROM reference_prices
                       WHERE series = {series} AND delivery_day >= {from} AND delivery_day <= {to} GROUP BY delivery_day) f ON f.delivery_day = d.delivery_day
            LEFT JOIN (SELECT th.delivery_day,
                              SUM(CASE WHEN p.price_cents IS NULL THEN 0 ELSE (th.buy_mw - th.sell_mw) * p.price_cents END) AS mark_cents,
                              SUM(CASE WHEN p.price_cents IS NULL OR th.trade_count = 0 THEN 0 ELSE 1 END) AS priced_hours,
                              SUM(CASE WHEN p.price_cents IS NULL AND th.trade_count > 0 THEN 1 ELSE 0 END) AS unpriced_hours
                       FROM trade_hours th
                       LEFT JOIN reference_prices p ON p.series = {series} AND p.delivery_day = th.delivery_day AND p.delivery_hour = th.delivery_hour
                       WHERE th.trader_id = {traderId} AND th.delivery_day >= {from} AND th.delivery_day <= {to}
                       GROUP BY th.delivery_day) h ON h.delivery_day = d.delivery_day
            WHERE d.trader_id = {traderId} AND d.delivery_day >= {from} AND d.delivery_day <= {to}
            ON CONFLICT (series, trader_id, delivery_day) DO UPDATE SET
                trade_count = excluded.trade_count, buy_mw = excluded.buy_mw, sell_mw = excluded.sell_mw, price_rows = excluded.price_rows,
                price_import_id = excluded.price_import_id, mark_cents = excluded.mark_cents, priced_hours = excluded.priced_hours, unpriced_hours = excluded.unpriced_hours
            """, cancellationToken);
}
