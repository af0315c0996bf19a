using System.Data.Common;
using FlexPower.Core.Data.Configurations;
using Days = FlexPower.Core.Data.Configurations.TradeDayConfiguration;
using Hours = FlexPower.Core.Data.Configurations.TradeHourConfiguration;
using S = FlexPower.Core.Data.Configurations.TradeSumColumns;
using T = FlexPower.Core.Data.Configurations.TradeConfiguration;

namespace FlexPower.Core.Data.Stores;

/// <summary>The aggregates against the trades they sum: how many keys disagree, and a rebuild from scratch (plain SQL both providers run).</summary>
public static class AggregateStore
{
    private const string HoursFromTrades = $"""
        SELECT {T.TraderId} AS {S.TraderId}, {T.DeliveryDay} AS {S.DeliveryDay}, {T.DeliveryHour} AS {Hours.DeliveryHour}, CAST(COUNT(*) AS INTEGER) AS {S.TradeCount},
               CAST(SUM(CASE WHEN {T.Direction} = '{StoredText.Buy}' THEN {T.QuantityTenths} / 10 ELSE 0 END) AS BIGINT) AS {S.BuyMw},
               CAST(SUM(CASE WHEN {T.Direction} = '{StoredText.Sell}' THEN {T.QuantityTenths} / 10 ELSE 0 END) AS BIGINT) AS {S.SellMw},
               CAST(SUM(CASE WHEN {T.Direction} = '{StoredText.Buy}' THEN ({T.QuantityTenths} / 10) * {T.Price} ELSE 0 END) AS BIGINT) AS {S.BuyCents},
               CAST(SUM(CASE WHEN {T.Direction} = '{StoredText.Sell}' THEN ({T.QuantityTenths} / 10) * {T.Price} ELSE 0 END) AS BIGINT) AS {S.SellCents}
        FROM {T.Table} GROUP BY {T.TraderId}, {T.DeliveryDay}, {T.DeliveryHour}
        """;

    private const string DaysFromHours = $"""
        SELECT {S.TraderId}, {S.DeliveryDay}, CAST(SUM({S.TradeCount}) AS INTEGER) AS {S.TradeCount}, CAST(SUM({S.BuyMw}) AS BIGINT) AS {S.BuyMw},
               CAST(SUM({S.SellMw}) AS BIGINT) AS {S.SellMw}, CAST(SUM({S.BuyCents}) AS BIGINT) AS {S.BuyCents}, CAST(SUM({S.SellCents}) AS BIGINT) AS {S.SellCents}
        FROM {Hours.Table} GROUP BY {S.TraderId}, {S.DeliveryDay}
        """;

    private const string HourColumns = $"{Hours.Key}, {S.Sums}";
    private const string DayColumns = $"{Days.Key}, {S.Sums}";

    /// <summary>The hour keys and the day keys whose stored sums differ from the sums of the trades (missing, extra or wrong rows).</summary>
    public static async Task<(int Hours, int Days)> CountDifferencesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var hours = await CountAsync(connection, SymmetricDifference(HoursFromTrades, Hours.Table, HourColumns, Hours.Key), cancellationToken);
        var days = await CountAsync(connection, SymmetricDifference(DaysFromHours, Days.Table, DayColumns, Days.Key), cancellationToken);
        return (hours, days);
    }

    /// <summary>Recomputes both aggregates from the trades in one transaction.</summary>
    public static async Task RebuildAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            DELETE FROM {Hours.Table}; DELETE FROM {Days.Table};
            INSERT INTO {Hours.Table} ({HourColumns}) {HoursFromTrades};
            INSERT INTO {Days.Table} ({DayColumns}) {DaysFromHours};
            """;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // Keys present on either side of the symmetric difference: each disagreeing hour or day counts once.
    private static string SymmetricDifference(string computed, string stored, string columns, string key) => $"""
        SELECT COUNT(*) FROM (SELECT DISTINCT {key} FROM (
            SELECT * FROM (SELECT {columns} FROM ({computed}) AS computed_rows EXCEPT SELECT {columns} FROM {stored}) AS missing_or_wrong
            UNION ALL
            SELECT * FROM (SELECT {columns} FROM {stored} EXCEPT SELECT {columns} FROM ({computed}) AS computed_rows) AS extra_or_wrong
        ) AS differing) AS differing_keys
        """;

    private static async Task<int> CountAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }
}
