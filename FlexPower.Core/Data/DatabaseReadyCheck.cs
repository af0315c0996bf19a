using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlexPower.Core.Data;

/// <summary>Readiness: the database answers, takes writes, and has every migration of this release.</summary>
public sealed class DatabaseReadyCheck(DatabaseStatus status, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // SQLite's calls are synchronous underneath: on a thread of their own, a database that hangs is given up at the token.
        return await Task.Run(() => CheckAsync(cancellationToken), cancellationToken).WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> CheckAsync(CancellationToken cancellationToken)
    {
        if (await status.ProblemAsync(cancellationToken) is { } problem) return HealthCheckResult.Unhealthy(problem);
        try
        {
            var pending = await MigrationHistory.PendingAsync(services, cancellationToken);
            if (pending.Count > 0)
                return HealthCheckResult.Unhealthy($"migrations of this release not applied: {string.Join(", ", pending)}; " +
                    "run the migrate verb (FlexPower.Web migrate) or restart the app");
        }
        catch (DbException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
        return HealthCheckResult.Healthy("reachable and writable, every migration applied");
    }
}
