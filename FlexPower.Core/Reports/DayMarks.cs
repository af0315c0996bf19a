using System.Runtime.CompilerServices;
using FlexPower.Core.Data;
using FlexPower.Core.Trades;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Reports;

/// <summary>One trader's day from the daily aggregate, with its positions marked at a reference series.</summary>
public sealed record MarkedDay(string TraderId, DateOnly DeliveryDay, int TradeCount, long BuyMw, long SellMw, long BuyCents, long SellCents, Marks Marks);

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

    private static Task<List<Row>> QueryAsync(FlexPowerDbContext db, string series, string? traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        // Two texts rather than "(@trader IS NULL OR ...)", which would keep SQLite from the trader's key range.
        var traderFilter = traderId is null ? "" : "AND d.trader_id = {3}";
        var sql = FormattableStringFactory.Create($$"""
            SELECT d.trader_id AS "TraderId", d.delivery_day AS "DeliveryDay", d.trade_count AS "TradeCount", d.buy_mw AS "BuyMw", d.sell_mw AS "SellMw",
                   d.buy_cents AS "BuyCents", d.sell_cents AS "SellCents",
                   m.mark_cents AS "MarkCents", m.priced_hours AS "PricedHours", m.unpriced_hours AS "UnpricedHours",
                   CASE WHEN m.trade_count = d.trade_count AND m.buy_mw = d.buy_mw AND m.sell_mw = d.sell_mw
                             AND m.price_rows = COALESCE(f.price_rows, 0) AND m.price_import_id = COALESCE(f.price_import_id, 0) THEN 1 ELSE 0 END AS "Fresh"
            FROM trade_days d
            LEFT JOIN trade_day_marks m ON m.series = {0} AND m.trader_id = d.trader_id AND m.delivery_day = d.delivery_day
            LEFT JOIN (SELECT delivery_day, COUNT(*) AS price_rows, MAX(import_id) AS price_import_id FROM reference_prices
                       WHERE series = {0} AND delivery_day >= {1} AND delivery_day <= {2} GROUP BY delivery_day) f ON f.delivery_day = d.delivery_day
            WHERE d.delivery_day >= {1} AND d.delivery_day <= {2} {{traderFilter}}
            """, series, from, to, traderId ?? "");
        return db.Database.SqlQuery<Row>(sql).ToListAsync(cancellationToken);
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
