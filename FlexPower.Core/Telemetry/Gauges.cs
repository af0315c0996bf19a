using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using FlexPower.Core.Alerts;
using FlexPower.Core.Cluster;
using FlexPower.Core.Data;
using FlexPower.Core.Import;
using FlexPower.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Telemetry;

/// <summary>
/// The observable gauges: read when metrics are collected, from state this instance holds anyway, so a collection never
/// waits for the database (the outbox's age is read in the background and reported as of its last read) and never throws.
/// The instruments are defined once; every running host attaches its readings while it runs (one in production).
/// </summary>
public sealed class Gauges(LeaderElection election, MarkRefresher marks, IOptions<ImportOptions> import, IDbContextFactory<FlexPowerDbContext> dbFactory,
    TimeProvider clock, bool inboxWatched) : IHostedService
{
    private static readonly TimeSpan OutboxReadEvery = TimeSpan.FromSeconds(10);
    private static ImmutableArray<Gauges> attached = [];

    private static readonly ObservableGauge<double> OutboxAge = FlexPowerTelemetry.Meter.CreateObservableGauge("flexpower.alerts.outbox.age",
        () => Each(g => g.OutboxAgeSeconds()), "s", "Age of the oldest alert delivery not yet sent (0: none waiting), as of its last read");

    private static readonly ObservableGauge<double> DayMarksLag = FlexPowerTelemetry.Meter.CreateObservableGauge("flexpower.day_marks.refresh_lag",
        () => Each(g => g.DayMarksLagSeconds()), "s", "How long the oldest change not yet in the day-marks cache has waited (leader only)");

    private static readonly ObservableGauge<int> Leader = FlexPowerTelemetry.Meter.CreateObservableGauge("flexpower.cluster.leader",
        () => Each(g => g.LeaderStatus()), "1", "1 while this instance leads (runs the inbox, the alert sender and the day-marks refresh), else 0");

    private static readonly ObservableGauge<int> InboxWaiting = FlexPowerTelemetry.Meter.CreateObservableGauge("flexpower.inbox.files_waiting",
        () => Each(g => g.FilesWaiting()), "{file}", "Importable files in the inbox (not yet imported, or still being written)");

    private double? outboxAge;
    private DateTimeOffset outboxReadAt = DateTimeOffset.MinValue;
    private int readingOutbox;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ImmutableInterlocked.Update(ref attached, list => list.Add(this));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        ImmutableInterlocked.Update(ref attached, list => list.Remove(this));
        return Task.CompletedTask;
    }

    private static IEnumerable<Measurement<T>> Each<T>(Func<Gauges, T?> read) where T : struct
    {
        var measurements = new List<Measurement<T>>();
        foreach (var gauges in attached)
        {
            try
            {
                if (read(gauges) is { } value) measurements.Add(new Measurement<T>(value));
            }
            catch (Exception)
            {
                // a reading that fails is skipped: the next collection tries again
            }
        }
        return measurements;
    }

    private double? DayMarksLagSeconds() => marks.RefreshLag?.TotalSeconds;

    private int? LeaderStatus() => election.IsLeader ? 1 : 0;

    private double? OutboxAgeSeconds()
    {
        if (clock.GetUtcNow() - outboxReadAt >= OutboxReadEvery && Interlocked.CompareExchange(ref readingOutbox, 1, 0) == 0)
            _ = Task.Run(ReadOutboxAsync);
        return outboxAge;
    }

    private async Task ReadOutboxAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await using var db = await dbFactory.CreateDbContextAsync(timeout.Token);
            var oldest = await db.AlertDeliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Pending)
                .OrderBy(d => d.CreatedUtc).Select(d => (DateTime?)d.CreatedUtc).FirstOrDefaultAsync(timeout.Token);
            var now = clock.GetUtcNow();
            outboxAge = oldest is { } created ? Math.Max(0, (now.UtcDateTime - created).TotalSeconds) : 0;
            outboxReadAt = now;
        }
        catch (Exception)
        {
            // the database cannot answer now: the last reading stands until it can
        }
        finally
        {
            Volatile.Write(ref readingOutbox, 0);
        }
    }

    private int? FilesWaiting()
    {
        var inbox = import.Value.InboxDirectory;
        if (!inboxWatched || !Directory.Exists(inbox)) return null;
        return Directory.EnumerateFiles(inbox).Select(Path.GetFileName)
            .Count(name => MissingFileSchedule.TryParseFileName(name!, out _) || ImportInbox.PriceSeriesOf(name!) is not null);
    }
}
