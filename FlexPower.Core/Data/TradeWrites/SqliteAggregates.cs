using System.Runtime.CompilerServices;
using System.Text;
using FlexPower.Core.Data.Sqlite;
using FlexPower.Core.Data.Stores;
using FlexPower.Core.Trades;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Days = FlexPower.Core.Data.Configurations.TradeDayConfiguration;
using Quarters = FlexPower.Core.Data.Configurations.TradeQuarterConfiguration;
using S = FlexPower.Core.Data.Configurations.TradeSumColumns;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>Writes an <see cref="AggregateBatch"/> to the period and daily aggregates with prepared upserts on SQLite's C API.</summary>
internal static class SqliteAggregates
{
    private static readonly string MarkDay = DayMarkStore.MarkDaysStatement($"(SELECT @trader AS {S.TraderId}, @day AS {S.DeliveryDay}) k");

    /// <summary>
    /// Upserts the batch on the connection (and so in the transaction) that stored its trades; with
    /// <paramref name="markSeries"/>, marks the trader-days it touched at that series (<see cref="DayMarkStore.MarkDaysStatement"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Flush(AggregateBatch batch, SqliteConnection connection, string? markSeries)
    {
        if (batch.IsEmpty) return;
        var db = connection.Handle!;
        var traderText = batch.Traders.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();
        Span<byte> dayText = stackalloc byte[SqliteStorage.DayLength];
        using (var upsert = RawStatements.Prepare(db, $"""
            INSERT INTO {Quarters.Table} AS a ({Quarters.Columns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT ({Quarters.Key}) DO UPDATE SET {S.AddSums}
            """))
        {
            // In key order consecutive rows share their trader and day, and SQLite keeps a statement's bindings across resets.
            var (boundTrader, boundDay) = (-1, DateOnly.MinValue);
            foreach (var period in batch.Periods())
            {
                if (period.Trader != boundTrader) raw.sqlite3_bind_text(upsert, 1, traderText[boundTrader = period.Trader]);
                if (period.Day != boundDay) raw.sqlite3_bind_text(upsert, 2, dayText[..SqliteStorage.Day(boundDay = period.Day, dayText)]);
                raw.sqlite3_bind_int(upsert, 3, period.Quarter);
                raw.sqlite3_bind_int(upsert, 4, period.Quarters);
                if (period.DeliveryHour is { } hour) raw.sqlite3_bind_int(upsert, 5, hour);
                else raw.sqlite3_bind_null(upsert, 5);
                Bind(upsert, 6, period.Sums);
                Step(db, upsert);
            }
        }
        using var upsertDay = RawStatements.Prepare(db, $"""
            INSERT INTO {Days.Table} AS a ({Days.Key}, {S.Sums}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT ({Days.Key}) DO UPDATE SET {S.AddSums}
            """);
        var days = batch.Days();
        foreach (var day in days)
        {
            raw.sqlite3_bind_text(upsertDay, 1, traderText[day.Trader]);
            raw.sqlite3_bind_text(upsertDay, 2, dayText[..SqliteStorage.Day(day.Day, dayText)]);
            Bind(upsertDay, 3, day.Sums);
            Step(db, upsertDay);
        }
        if (markSeries is null) return;
        using var mark = RawStatements.Prepare(db, MarkDay);
        raw.sqlite3_bind_text(mark, raw.sqlite3_bind_parameter_index(mark, "@series"), markSeries);
        var (trader, deliveryDay) = (raw.sqlite3_bind_parameter_index(mark, "@trader"), raw.sqlite3_bind_parameter_index(mark, "@day"));
        foreach (var day in days)
        {
            raw.sqlite3_bind_text(mark, trader, traderText[day.Trader]);
            raw.sqlite3_bind_text(mark, deliveryDay, dayText[..SqliteStorage.Day(day.Day, dayText)]);
            Step(db, mark);
        }
    }

    private static void Bind(sqlite3_stmt statement, int first, in AggregateSums sums)
    {
        raw.sqlite3_bind_int(statement, first, sums.Count);
        raw.sqlite3_bind_int64(statement, first + 1, sums.BuyKwh);
        raw.sqlite3_bind_int64(statement, first + 2, sums.SellKwh);
        raw.sqlite3_bind_int64(statement, first + 3, sums.BuyMillicents);
        raw.sqlite3_bind_int64(statement, first + 4, sums.SellMillicents);
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        RawStatements.Step(db, statement, raw.SQLITE_DONE);
        raw.sqlite3_reset(statement);
    }
}
