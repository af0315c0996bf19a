using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
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
            catch (DatabaseUnavailableException e)
            {
                logger.LogWarning("Inbox scan stopped, the files stay in the inbox until the next scan: {Reason}", e.Message);
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
/// Loads the open missing-file alerts for this instance's pages, then, while this instance leads, runs the missing-file check
/// at the times <see cref="MissingFileSchedule"/> asks for: one instance raises and clears them, every instance shows them.
/// </summary>
public sealed class MissingFileMonitorWorker(MissingFileMonitor monitor, LeaderElection election, TimeProvider clock, ILogger<MissingFileMonitorWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await monitor.RefreshAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not read the open missing-file alerts; they show after the next change");
        }
        await election.RunWhileLeaderAsync(CheckWhileLeadingAsync, stoppingToken);
    }

    private async Task CheckWhileLeadingAsync(CancellationToken term)
    {
        while (!term.IsCancellationRequested)
        {
            var next = clock.GetUtcNow().AddMinutes(5);
            try
            {
                next = await monitor.CheckAsync(scanInbox: true, term);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Missing-file check failed; retrying in 5 minutes");
            }
            var delay = next - clock.GetUtcNow();
            await Task.Delay(delay > TimeSpan.FromSeconds(1) ? delay : TimeSpan.FromSeconds(1), clock, term);
        }
    }
}
