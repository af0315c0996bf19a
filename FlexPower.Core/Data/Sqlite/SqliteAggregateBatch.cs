using System.Runtime.InteropServices;
using System.Text;
using FlexPower.Core.Trades;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlexPower.Core.Data.Sqlite;

/// <summary>
/// Sums of newly stored trades, collected in memory and written to <c>trade_hours</c> and <c>trade_days</c> with one
/// upsert per key — inside the transaction that stored the trades, so aggregates and trades never disagree.
/// </summary>
public sealed class SqliteAggregateBatch
{
    // A year-long file touches ~440k trader-hours. Each is a packed long key (trader number, day, hour) whose sums are
    // a struct updated in place; trader ids are numbered in the order they are first seen and kept once.
    private readonly Dictionary<string, int> traderNumbers = new(StringComparer.Ordinal);
    private readonly List<string> traders = [];
    private readonly Dictionary<long, Sums> hours = [];

    public bool IsEmpty => hours.Count == 0;

    /// <summary>What the batch changes, for the live-refresh notice.</summary>
    public TradesChanged Changes => new(
        hours.Keys.Select(k => traders[TraderOf(k)]).ToHashSet(StringComparer.Ordinal),
        hours.Keys.Select(DayOf).ToHashSet());

    public void Add(Trade t) => Add(t.TraderId, t.DeliveryDay, t.DeliveryHour, t.Direction, t.Quantity, t.Price);

    public void Add(ReadOnlySpan<char> traderId, DateOnly day, int hour, TradeDirection direction, int quantity, long price)
    {
        if (!traderNumbers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(traderId, out var trader))
        {
            trader = traders.Count;
            traders.Add(traderId.ToString());
            traderNumbers.Add(traders[trader], trader);
        }
        CollectionsMarshal.GetValueRefOrAddDefault(hours, Key(trader, day, hour), out _).Add(direction, quantity, price);
    }

    /// <summary>Upserts the batch on the connection (and so in the transaction) that stored its trades.</summary>
    public void Flush(SqliteConnection connection)
    {
        if (IsEmpty) return;
        var db = connection.Handle!;
        var traderText = traders.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();
        Span<byte> dayText = stackalloc byte[SqliteStorage.DayLength];
        var days = new Dictionary<long, Sums>();
        using (var upsert = Prepare(db, """
            INSERT INTO trade_hours (trader_id, delivery_day, delivery_hour, trade_count, buy_mw, sell_mw, buy_cents, sell_cents)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (trader_id, delivery_day, delivery_hour) DO UPDATE SET
                trade_count = trade_count + excluded.trade_count, buy_mw = buy_mw + excluded.buy_mw, sell_mw = sell_mw + excluded.sell_mw,
                buy_cents = buy_cents + excluded.buy_cents, sell_cents = sell_cents + excluded.sell_cents
            """))
        {
            foreach (var (key, sums) in InKeyOrder())
            {
                raw.sqlite3_bind_text(upsert, 1, traderText[TraderOf(key)]);
                raw.sqlite3_bind_text(upsert, 2, dayText[..SqliteStorage.Day(DayOf(key), dayText)]);
                raw.sqlite3_bind_int(upsert, 3, HourOf(key));
                sums.Bind(upsert, 4);
                Step(db, upsert);
                CollectionsMarshal.GetValueRefOrAddDefault(days, Key(TraderOf(key), DayOf(key), 0), out _).Add(sums);
            }
        }
        using var upsertDay = Prepare(db, """
            INSERT INTO trade_days (trader_id, delivery_day, trade_count, buy_mw, sell_mw, buy_cents, sell_cents)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (trader_id, delivery_day) DO UPDATE SET
                trade_count = trade_count + excluded.trade_count, buy_mw = buy_mw + excluded.buy_mw, sell_mw = sell_mw + excluded.sell_mw,
                buy_cents = buy_cents + excluded.buy_cents, sell_cents = sell_cents + excluded.sell_cents
            """);
        foreach (var (key, sums) in days)
        {
            raw.sqlite3_bind_text(upsertDay, 1, traderText[TraderOf(key)]);
            raw.sqlite3_bind_text(upsertDay, 2, dayText[..SqliteStorage.Day(DayOf(key), dayText)]);
            sums.Bind(upsertDay, 3);
            Step(db, upsertDay);
        }
        hours.Clear();
    }

    // Key bits: trader number (32), day number (22, enough for year 9999), hour (5).
    private static long Key(int trader, DateOnly day, int hour) => ((long)trader << 32) | ((long)day.DayNumber << 5) | (uint)hour;
    private static int TraderOf(long key) => (int)(key >> 32);
    private static DateOnly DayOf(long key) => DateOnly.FromDayNumber((int)((key & uint.MaxValue) >> 5));
    private static int HourOf(long key) => (int)(key & 31);

    /// <summary>
    /// The sums in primary-key order, so the B-tree grows at its edge instead of being written all over. Trader numbers
    /// are swapped for the traders' ordinal rank (SQLite's BINARY order), so the keys sort as plain longs.
    /// </summary>
    private IEnumerable<KeyValuePair<long, Sums>> InKeyOrder()
    {
        var rank = new long[traders.Count];
        var ordinal = 0;
        foreach (var trader in Enumerable.Range(0, traders.Count).OrderBy(n => traders[n], StringComparer.Ordinal)) rank[trader] = ordinal++;
        var entries = hours.ToArray();
        var keys = entries.Select(e => (rank[TraderOf(e.Key)] << 32) | (e.Key & uint.MaxValue)).ToArray();
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
