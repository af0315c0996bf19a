namespace FlexPower.Core.Cluster;

/// <summary>The right to run the once-per-desk background work (inbox, missing-file checks), held by one process at a time.</summary>
public interface ILeaderLease
{
    /// <summary>The lease, or null while another process holds it.</summary>
    Task<IHeldLease?> TryAcquireAsync(CancellationToken cancellationToken);
}

/// <summary>A lease this process holds; disposing gives it up.</summary>
public interface IHeldLease : IAsyncDisposable
{
    /// <summary>False (or an exception) once the lease is lost, e.g. the database connection that holds it broke.</summary>
    Task<bool> IsHeldAsync(CancellationToken cancellationToken);
}
