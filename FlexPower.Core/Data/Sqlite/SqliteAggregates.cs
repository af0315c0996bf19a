using System.Runtime.CompilerServices;
using System.Text;
using FlexPower.Core.Reports;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlexPower.Core.Data.Sqlite;

/// <summary>Writes an <see cref="AggregateBatch"/> to <c>trade_hours</c> and <c>trade_days</c> with prepared upserts on SQLite's C API.</summary>
internal static class SqliteAggregates
{
    /// <summary>Upserts the batch on the connection (and so in the transaction) that stored its trades.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Flush(AggregateBatch batch, SqliteConnection connection)
    {
        if (batch.IsEmpty) return;
        var db = connection.Handle!;
        var traderText = batch.Traders.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();
        Span<byte> dayText = stackalloc byte[SqliteStorage.DayLength];
        var hours = batch.Hours();
        using (var upsert = RawStatements.Prepare(db, """
            INSERT INTO trade_hours (trader_id, delivery_day, delivery_hour, trade_count, buy_mw, sell_mw, buy_cents, sell_cents)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (trader_id, delivery_day, delivery_hour) DO UPDATE SET
                trade_count = trade_count + excluded.trade_count, buy_mw = buy_mw + excluded.buy_mw, sell_mw = sell_mw + excluded.sell_mw,
                buy_cents = buy_cents + excluded.buy_cents, sell_cents = sell_cents + excluded.sell_cents
            """))
        {
            // In key order consecutive rows share their trader and day, and SQLite keeps a statement's bindings across resets.
            var (boundTrader, boundDay) = (-1, DateOnly.MinValue);
            foreach (var hour in hours)
            {
                if (hour.Trader != boundTrader) raw.sqlite3_bind_text(upsert, 1, traderText[boundTrader = hour.Trader]);
                if (hour.Day != boundDay) raw.sqlite3_bind_text(upsert, 2, dayText[..SqliteStorage.Day(boundDay = hour.Day, dayText)]);
                raw.sqlite3_bind_int(upsert, 3, hour.Hour);
                Bind(upsert, 4, hour.Sums);
                Step(db, upsert);
            }
        }
        using var upsertDay = RawStatements.Prepare(db, """
            INSERT INTO trade_days (trader_id, delivery_day, trade_count, buy_mw, sell_mw, buy_cents, sell_cents)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT (trader_id, delivery_day) DO UPDATE SET
                trade_count = trade_count + excluded.trade_count, buy_mw = buy_mw + excluded.buy_mw, sell_mw = sell_mw + excluded.sell_mw,
                buy_cents = buy_cents + excluded.buy_cents, sell_cents = sell_cents + excluded.sell_cents
            """);
        foreach (var day in AggregateBatch.Days(hours))
        {
            raw.sqlite3_bind_text(upsertDay, 1, traderText[day.Trader]);
            raw.sqlite3_bind_text(upsertDay, 2, dayText[..SqliteStorage.Day(day.Day, dayText)]);
            Bind(upsertDay, 3, day.Sums);
            Step(db, upsertDay);
        }
    }

    private static void Bind(sqlite3_stmt statement, int first, in AggregateSums sums)
    {
        raw.sqlite3_bind_int(statement, first, sums.Count);
        raw.sqlite3_bind_int64(statement, first + 1, sums.BuyMw);
        raw.sqlite3_bind_int64(statement, first + 2, sums.SellMw);
        raw.sqlite3_bind_int64(statement, first + 3, sums.BuyCents);
        raw.sqlite3_bind_int64(statement, first + 4, sums.SellCents);
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        RawStatements.Step(db, statement, raw.SQLITE_DONE);
        raw.sqlite3_reset(statement);
    }
}
