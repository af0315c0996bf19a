using FlexPower.Core.Data;
using FlexPower.Core.Data.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Reports;

public sealed record AggregateCheckResult(int DifferingHours, int DifferingDays, bool Repaired)
{
    public bool Consistent => DifferingHours == 0 && DifferingDays == 0;
}

/// <summary>Proves the aggregates equal a GROUP BY over the raw trades, and rebuilds them from scratch when they do not.</summary>
public sealed class AggregateCheck(IDbContextFactory<FlexPowerDbContext> dbFactory, ILogger<AggregateCheck> logger)
{
    public async Task<AggregateCheckResult> CheckAsync(bool repair, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var (hours, days) = await AggregateStore.CountDifferencesAsync(connection, cancellationToken);
        if (hours == 0 && days == 0) return new AggregateCheckResult(0, 0, false);

        logger.LogWarning("Trade aggregates disagree with the trades: {Hours} hour rows, {Days} day rows", hours, days);
        if (!repair) return new AggregateCheckResult(hours, days, false);
        await AggregateStore.RebuildAsync(connection, cancellationToken);
        logger.LogWarning("Trade aggregates rebuilt from the trades");
        return new AggregateCheckResult(hours, days, true);
    }
}
