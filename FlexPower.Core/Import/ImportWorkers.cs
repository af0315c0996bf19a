using FlexPower.Core.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Import;

/// <summary>
/// Scans the inbox when this instance becomes the leader, on file-system events, and every
/// <see cref="ImportOptions.ScanInterval"/>; only the leader does, so a file is imported by one instance.
/// </summary>
public sealed class ImportInboxWorker(ImportInbox inbox, LeaderElection election, TimeProvider clock, ILogger<ImportInboxWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => election.RunWhileLeaderAsync(WatchAsync, stoppingToken);

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(inbox.Options.InboxDirectory);
        var signal = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(inbox.Options.InboxDirectory)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite,
            EnableRaisingEvents = true,
        };
        FileSystemEventHandler wake = (_, _) => signal.Release();
        watcher.Created += wake;
        watcher.Changed += wake;
        watcher.Renamed += (_, _) => signal.Release();
        logger.LogInformation("Watching {Inbox} for exchange files", inbox.Options.InboxDirectory);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await inbox.ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Inbox scan failed; retrying at the next scan");
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var woken = signal.WaitAsync(wait.Token);
            await Task.WhenAny(woken, Task.Delay(inbox.Options.ScanInterval, clock, wait.Token));
            await wait.CancelAsync();
            while (signal.CurrentCount > 0) await signal.WaitAsync(stoppingToken); // one scan covers a burst of events
        }
    }
}

/// <summary>
/// Runs the missing-file check at the times <see cref="MissingFileSchedule"/> asks for, in every instance (each shows
/// the alerts, computed from the shared ledger); only the leader looks into the inbox first.
/// </summary>
public sealed class MissingFileMonitorWorker(MissingFileMonitor monitor, LeaderElection election, TimeProvider clock, ILogger<MissingFileMonitorWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = clock.GetUtcNow().AddMinutes(5);
            var leading = election.TryGetTerm(out var term);
            using var scope = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term);
            try
            {
                next = await monitor.CheckAsync(scanInbox: leading, scope.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                next = clock.GetUtcNow(); // the leader term ended mid-scan: check again without the inbox
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Missing-file check failed; retrying in 5 minutes");
            }
            var delay = next - clock.GetUtcNow();
            await Task.Delay(delay > TimeSpan.FromSeconds(1) ? delay : TimeSpan.FromSeconds(1), clock, stoppingToken);
        }
    }
}
