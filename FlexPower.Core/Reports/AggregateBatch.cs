using System.Globalization;
using System.Runtime.InteropServices;
using FlexPower.Core.Data;
using FlexPower.Core.Trades;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlexPower.Core.Reports;

/// <summary>
/// Sums of newly stored trades, collected in memory and written to <c>trade_hours</c> and <c>trade_days</c> with one
/// upsert per key — inside the transaction that stored the trades, so aggregates and trades never disagree.
/// </summary>
public sealed class AggregateBatch
{
    // A year-long file touches ~440k trader-hours: sums are structs updated in place, and each trader id is kept once.
    private readonly Dictionary<(string Trader, DateOnly Day, int Hour), Sums> hours = [];
    private readonly Dictionary<string, string> traderIds = new(StringComparer.Ordinal);

    public bool IsEmpty => hours.Count == 0;

    /// <summary>What the batch changes, for the live-refresh notice.</summary>
    public TradesChanged Changes => new(
        hours.Keys.Select(k => k.Trader).ToHashSet(StringComparer.Ordinal),
        hours.Keys.Select(k => k.Day).ToHashSet());

    public void Add(Trade t) => Add(t.TraderId, t.DeliveryDay, t.DeliveryHour, t.Direction, t.Quantity, t.Price);

    public void Add(string traderId, DateOnly day, int hour, TradeDirection direction, int quantity, long price)
    {
        if (!traderIds.TryGetValue(traderId, out var trader)) traderIds[traderId] = trader = traderId;
        CollectionsMarshal.GetValueRefOrAddDefault(hours, (trader, day, hour), out _).Add(direction, quantity, price);
    }

    /// <summary>Upserts the batch on the connection (and so in the transaction) that stored its trades.</summary>
    public void Flush(SqliteConnection connection)
    {
        if (IsEmpty) return;
        var db = connection.Handle!;
        var days = new Dictionary<(string Trader, DateOnly Day), Sums>();
        using (var upsert = Prepare(db, """
            INSERT INTO trade_hours (trader_id, delivery_day, delivery_hour, trade_count, buy_mw, sell_mw, buy_cents, sell_cents)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (trader_id, delivery_day, delivery_hour) DO UPDATE SET
                trade_count = trade_count + excluded.trade_count, buy_mw = buy_mw + excluded.buy_mw, sell_mw = sell_mw + excluded.sell_mw,
                buy_cents = buy_cents + excluded.buy_cents, sell_cents = sell_cents + excluded.sell_cents
            """))
        {
            foreach (var ((trader, day, hour), sums) in InKeyOrder())
            {
                raw.sqlite3_bind_text(upsert, 1, trader);
                raw.sqlite3_bind_text(upsert, 2, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                raw.sqlite3_bind_int(upsert, 3, hour);
                sums.Bind(upsert, 4);
                Step(db, upsert);
                CollectionsMarshal.GetValueRefOrAddDefault(days, (trader, day), out _).Add(sums);
            }
        }
        using var upsertDay = Prepare(db, """
            INSERT INTO trade_days (trader_id, delivery_day, trade_count, buy_mw, sell_mw, buy_cents, sell_cents)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (trader_id, delivery_day) DO UPDATE SET
                trade_count = trade_count + excluded.trade_count, buy_mw = buy_mw + excluded.buy_mw, sell_mw = sell_mw + excluded.sell_mw,
                buy_cents = buy_cents + excluded.buy_cents, sell_cents = sell_cents + excluded.sell_cents
            """);
        foreach (var ((trader, day), sums) in days)
        {
            raw.sqlite3_bind_text(upsertDay, 1, trader);
            raw.sqlite3_bind_text(upsertDay, 2, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            sums.Bind(upsertDay, 3);
            Step(db, upsertDay);
        }
        hours.Clear();
    }

    /// <summary>
    /// The sums in primary-key order, so the B-tree grows at its edge instead of being written all over. The few
    /// distinct trader ids are ranked once (SQLite's BINARY order is ordinal), so ~440k keys sort as packed longs.
    /// </summary>
    private IEnumerable<KeyValuePair<(string Trader, DateOnly Day, int Hour), Sums>> InKeyOrder()
    {
        var rank = traderIds.Keys.Order(StringComparer.Ordinal).Select((id, i) => (id, i)).ToDictionary(x => x.id, x => (long)x.i, StringComparer.Ordinal);
        var entries = hours.ToArray();
        var keys = entries.Select(e => (rank[e.Key.Trader] << 32) | ((long)e.Key.Day.DayNumber << 5) | (long)e.Key.Hour).ToArray();
        Array.Sort(keys, entries);
        return entries;
    }

    private static sqlite3_stmt Prepare(sqlite3 db, string sql) => RawStatements.Prepare(db, sql);

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        RawStatements.Step(db, statement, raw.SQLITE_DONE);
        raw.sqlite3_reset(statement);
    }

    private struct Sums
    {
        private int count;
        private long buyMw, sellMw, buyCents, sellCents;

        public void Add(TradeDirection direction, int quantity, long price)
        {
            count++;
            if (direction == TradeDirection.Buy) { buyMw += quantity; buyCents += quantity * price; }
            else { sellMw += quantity; sellCents += quantity * price; }
        }

        public void Add(in Sums other) =>
            (count, buyMw, sellMw, buyCents, sellCents) = (count + other.count, buyMw + other.buyMw, sellMw + other.sellMw, buyCents + other.buyCents, sellCents + other.sellCents);

        public readonly void Bind(sqlite3_stmt statement, int first)
        {
            raw.sqlite3_bind_int(statement, first, count);
            raw.sqlite3_bind_int64(statement, first + 1, buyMw);
            raw.sqlite3_bind_int64(statement, first + 2, sellMw);
            raw.sqlite3_bind_int64(statement, first + 3, buyCents);
            raw.sqlite3_bind_int64(statement, first + 4, sellCents);
        }
    }
}
