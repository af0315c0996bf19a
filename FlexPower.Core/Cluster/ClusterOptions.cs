namespace FlexPower.Core.Cluster;

/// <summary>The <c>Cluster</c> configuration section: how instances sharing one database share the background work.</summary>
public sealed class ClusterOptions
{
    /// <summary>How often an instance that is not the leader tries to become it (a dead leader is replaced within this plus the database noticing).</summary>
    public TimeSpan LeaderRetryInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the leader checks that it still holds the lease.</summary>
    public TimeSpan LeaderCheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}
