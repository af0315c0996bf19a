using FlexPower.Core.Data;
using FlexPower.Core.Data.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Reports;

public sealed record AggregateCheckResult(int DifferingQuarters, int DifferingDays, bool Repaired)
{
    public bool Consistent => DifferingQuarters == 0 && DifferingDays == 0;
}

/// <summary>Proves the aggregates equal a GROUP BY over the raw trades, and rebuilds them from scratch when they do not.</summary>
public sealed class AggregateCheck(IDbContextFactory<FlexPowerDbContext> dbFactory, ILogger<AggregateCheck> logger)
{
    public async Task<AggregateCheckResult> CheckAsync(bool repair, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var (quarters, days) = await AggregateStore.CountDifferencesAsync(connection, cancellationToken);
        if (quarters == 0 && days == 0) return new AggregateCheckResult(0, 0, false);

        logger.LogWarning("Trade aggregates disagree with the trades: {Quarters} quarter-hour rows, {Days} day rows", quarters, days);
        if (!repair) return new AggregateCheckResult(quarters, days, false);
        await AggregateStore.RebuildAsync(connection, cancellationToken);
        logger.LogWarning("Trade aggregates rebuilt from the trades");
        return new AggregateCheckResult(quarters, days, true);
    }
}
