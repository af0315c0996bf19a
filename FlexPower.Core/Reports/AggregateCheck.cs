using System.Data.Common;
using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Reports;

public sealed record AggregateCheckResult(int DifferingHours, int DifferingDays, bool Repaired)
{
    public bool Consistent => DifferingHours == 0 && DifferingDays == 0;
}

/// <summary>Proves the aggregates equal a GROUP BY over the raw trades, and rebuilds them from scratch when they do not (plain SQL both providers run).</summary>
public sealed class AggregateCheck(IDbContextFactory<FlexPowerDbContext> dbFactory, ILogger<AggregateCheck> logger)
{
    private const string HoursFromTrades = $"""
        SELECT trader_id, delivery_day, delivery_hour, CAST(COUNT(*) AS INTEGER) AS trade_count,
               CAST(SUM(CASE WHEN direction = '{StoredText.Buy}' THEN quantity ELSE 0 END) AS BIGINT) AS buy_mw,
               CAST(SUM(CASE WHEN direction = '{StoredText.Sell}' THEN quantity ELSE 0 END) AS BIGINT) AS sell_mw,
               CAST(SUM(CASE WHEN direction = '{StoredText.Buy}' THEN CAST(quantity AS BIGINT) * price ELSE 0 END) AS BIGINT) AS buy_cents,
               CAST(SUM(CASE WHEN direction = '{StoredText.Sell}' THEN CAST(quantity AS BIGINT) * price ELSE 0 END) AS BIGINT) AS sell_cents
        FROM trades GROUP BY trader_id, delivery_day, delivery_hour
        """;

    private const string DaysFromHours = """
        SELECT trader_id, delivery_day, CAST(SUM(trade_count) AS INTEGER) AS trade_count, CAST(SUM(buy_mw) AS BIGINT) AS buy_mw, CAST(SUM(sell_mw) AS BIGINT) AS sell_mw,
               CAST(SUM(buy_cents) AS BIGINT) AS buy_cents, CAST(SUM(sell_cents) AS BIGINT) AS sell_cents
        FROM trade_hours GROUP BY trader_id, delivery_day
        """;

    private const string HourColumns = "trader_id, delivery_day, delivery_hour, trade_count, buy_mw, sell_mw, buy_cents, sell_cents";
    private const string DayColumns = "trader_id, delivery_day, trade_count, buy_mw, sell_mw, buy_cents, sell_cents";

    public async Task<AggregateCheckResult> CheckAsync(bool repair, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        // Keys present on either side of the symmetric difference: each disagreeing hour or day counts once.
        var hours = await CountAsync(connection, SymmetricDifference(HoursFromTrades, "trade_hours", HourColumns, "trader_id, delivery_day, delivery_hour"), cancellationToken);
        var days = await CountAsync(connection, SymmetricDifference(DaysFromHours, "trade_days", DayColumns, "trader_id, delivery_day"), cancellationToken);
        if (hours == 0 && days == 0) return new AggregateCheckResult(0, 0, false);

        logger.LogWarning("Trade aggregates disagree with the trades: {Hours} hour rows, {Days} day rows", hours, days);
        if (!repair) return new AggregateCheckResult(hours, days, false);
        await RebuildAsync(connection, cancellationToken);
        logger.LogWarning("Trade aggregates rebuilt from the trades");
        return new AggregateCheckResult(hours, days, true);
    }

    /// <summary>Recomputes both aggregates from the trades in one transaction.</summary>
    public static async Task RebuildAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            DELETE FROM trade_hours; DELETE FROM trade_days;
            INSERT INTO trade_hours ({HourColumns}) {HoursFromTrades};
            INSERT INTO trade_days ({DayColumns}) {DaysFromHours};
            """;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

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
