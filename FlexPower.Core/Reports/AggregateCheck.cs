using FlexPower.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Reports;

public sealed record AggregateCheckResult(int DifferingHours, int DifferingDays, bool Repaired)
{
    public bool Consistent => DifferingHours == 0 && DifferingDays == 0;
}

/// <summary>Proves the aggregates equal a GROUP BY over the raw trades, and rebuilds them from scratch when they do not.</summary>
public sealed class AggregateCheck(FlexPowerDatabase database, ILogger<AggregateCheck> logger)
{
    private const string HoursFromTrades = $"""
        SELECT trader_id, delivery_day, delivery_hour, COUNT(*) AS trade_count,
               SUM(CASE WHEN direction = '{StoredText.Buy}' THEN quantity ELSE 0 END), SUM(CASE WHEN direction = '{StoredText.Sell}' THEN quantity ELSE 0 END),
               SUM(CASE WHEN direction = '{StoredText.Buy}' THEN quantity * price ELSE 0 END), SUM(CASE WHEN direction = '{StoredText.Sell}' THEN quantity * price ELSE 0 END)
        FROM trades GROUP BY trader_id, delivery_day, delivery_hour
        """;

    private const string DaysFromHours = """
        SELECT trader_id, delivery_day, SUM(trade_count), SUM(buy_mw), SUM(sell_mw), SUM(buy_cents), SUM(sell_cents)
        FROM trade_hours GROUP BY trader_id, delivery_day
        """;

    public async Task<AggregateCheckResult> CheckAsync(bool repair, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Keys present on either side of the symmetric difference: each disagreeing hour or day counts once.
        var hours = await CountAsync(connection, $"SELECT COUNT(*) FROM (SELECT DISTINCT trader_id, delivery_day, delivery_hour FROM (SELECT * FROM ({HoursFromTrades}) EXCEPT SELECT * FROM trade_hours UNION ALL SELECT * FROM (SELECT * FROM trade_hours EXCEPT SELECT * FROM ({HoursFromTrades}))))", cancellationToken);
        var days = await CountAsync(connection, $"SELECT COUNT(*) FROM (SELECT DISTINCT trader_id, delivery_day FROM (SELECT * FROM ({DaysFromHours}) EXCEPT SELECT * FROM trade_days UNION ALL SELECT * FROM (SELECT * FROM trade_days EXCEPT SELECT * FROM ({DaysFromHours}))))", cancellationToken);
        if (hours == 0 && days == 0) return new AggregateCheckResult(0, 0, false);

        logger.LogWarning("Trade aggregates disagree with the trades: {Hours} hour rows, {Days} day rows", hours, days);
        if (!repair) return new AggregateCheckResult(hours, days, false);
        await RebuildAsync(connection, cancellationToken);
        logger.LogWarning("Trade aggregates rebuilt from the trades");
        return new AggregateCheckResult(hours, days, true);
    }

    /// <summary>Recomputes both aggregates from the trades in one transaction.</summary>
    public static async Task RebuildAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            DELETE FROM trade_hours; DELETE FROM trade_days;
            INSERT INTO trade_hours {HoursFromTrades};
            INSERT INTO trade_days {DaysFromHours};
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<int> CountAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
    }
}
