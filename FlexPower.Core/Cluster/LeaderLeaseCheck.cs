using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlexPower.Core.Cluster;

/// <summary>Reports whether this instance holds the leader lease; never unready for it, since only one instance can lead.</summary>
public sealed class LeaderLeaseCheck(LeaderElection election) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var leader = election.IsLeader;
        return Task.FromResult(HealthCheckResult.Healthy(
            leader ? "this instance holds the leader lease: it runs the inbox, the missing-file check, the day marks and the alert sender"
                : "another instance holds the leader lease, or this one is waiting for it",
            new Dictionary<string, object> { ["leader"] = leader }));
    }
}
