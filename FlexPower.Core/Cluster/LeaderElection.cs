using FlexPower.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Cluster;

/// <summary>
/// Makes this instance the leader while it holds the <see cref="ILeaderLease"/>, and tells leader-only work when to run
/// and when to stop: <see cref="WhenLeaderAsync"/> returns a token that is cancelled the moment the lease is lost, so
/// two instances never scan the inbox at once.
/// </summary>
public sealed class LeaderElection(ILeaderLease lease, IOptions<ClusterOptions> options, TimeProvider clock, ILogger<LeaderElection> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private TaskCompletionSource<CancellationToken> leading = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsLeader => TryGetTerm(out _);

    /// <summary>While this instance leads: true, and the token that is cancelled when it stops leading.</summary>
    public bool TryGetTerm(out CancellationToken term)
    {
        lock (gate)
        {
            term = leading.Task.IsCompletedSuccessfully ? leading.Task.Result : CancellationToken.None;
            return leading.Task.IsCompletedSuccessfully;
        }
    }

    /// <summary>Runs <paramref name="work"/> during every term of this instance as leader, cancelled when the term ends.</summary>
    public async Task RunWhileLeaderAsync(Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var term = await WhenLeaderAsync(stoppingToken);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(term, stoppingToken);
            try
            {
                await work(both.Token);
            }
            catch (OperationCanceledException) when (term.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                // the term ended; wait for the next one
            }
        }
    }

    /// <summary>Waits until this instance leads; the token it returns is cancelled when it stops leading.</summary>
    public Task<CancellationToken> WhenLeaderAsync(CancellationToken cancellationToken)
    {
        lock (gate) return leading.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            await using var held = await TryAcquireAsync(stoppingToken);
            if (held is null)
            {
                await Task.Delay(settings.LeaderRetryInterval, clock, stoppingToken);
                continue;
            }
            using var term = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            lock (gate) leading.SetResult(term.Token);
            logger.LogInformation("This instance now runs the inbox and the missing-file checks (leader)");
            try
            {
                while (await StillHeldAsync(held, stoppingToken)) await Task.Delay(settings.LeaderCheckInterval, clock, stoppingToken);
                logger.LogWarning("Leader lease lost; the inbox stops here and another instance takes over");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Leader lease lost ({Reason}); the inbox stops here and another instance takes over", e.Message);
            }
            finally
            {
                // A waiter arriving after this point waits for the next term, never gets the ending one.
                lock (gate) leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
                await term.CancelAsync();
            }
        }
    }

    private static Task<bool> StillHeldAsync(IHeldLease held, CancellationToken cancellationToken) =>
        FlexPowerTelemetry.Start("flexpower.leader.check").RunAsync(async () =>
        {
            var still = await held.IsHeldAsync(cancellationToken);
            FlexPowerTelemetry.Current("flexpower.leader.check").Succeeded(still ? "held" : "lost");
            return still;
        });

    private async Task<IHeldLease?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        using var activity = FlexPowerTelemetry.Start("flexpower.leader.acquire");
        try
        {
            var held = await lease.TryAcquireAsync(cancellationToken);
            activity.Succeeded(held is null ? "held_elsewhere" : "acquired");
            return held;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity.Failed(e);
            logger.LogWarning("Could not ask for the leader lease ({Reason}); trying again later", e.Message);
            return null;
        }
    }
}
