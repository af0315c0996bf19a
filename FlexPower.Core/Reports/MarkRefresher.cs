using System.Threading.Channels;
using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Stores;
using FlexPower.Core.Prices;
using FlexPower.Core.Telemetry;
using FlexPower.Core.Trades;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Reports;

/// <summary>
/// Brings the day-marks cache (<see cref="Data.Stores.DayMarkStore"/>) up to date after trades or prices change, so reports
/// read one row per trader-day instead of marking hours; a group of single trades has already marked its days at the
/// default series in its own commit, so what is left is mostly files, other series and prices. Runs on the leader alone,
/// whichever instance stored the change (trades are announced to every instance), and gathers a burst of changes into
/// one refresh per series, in spans of at most a month so it never holds SQLite's write lock long. A new leader first
/// refreshes everything stale.
/// </summary>
public sealed class MarkRefresher(IDbContextFactory<FlexPowerDbContext> dbFactory, ChangeNotifier notifier, LeaderElection election,
    IOptions<ReportOptions> options, TimeProvider clock, ILogger<MarkRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Gather = TimeSpan.FromSeconds(1);
    private const int MaxSpanDays = 31;

    private readonly Channel<bool> signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock gate = new();
    private SortedSet<DateOnly> pending = [];
    private bool everything = true;
    private DateTimeOffset? waitingSince;

    /// <summary>How long the oldest change not yet in the cache has waited (zero: none); null while another instance leads and keeps the cache.</summary>
    public TimeSpan? RefreshLag
    {
        get
        {
            if (!election.IsLeader) return null;
            lock (gate) return waitingSince is { } since ? clock.GetUtcNow() - since : TimeSpan.Zero;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var trades = notifier.Subscribe<TradesChanged>(change => Changed(change.DeliveryDays));
        using var prices = notifier.Subscribe<PricesChanged>(change =>
            Changed(Enumerable.Range(0, change.LastDay.DayNumber - change.FirstDay.DayNumber + 1).Select(change.FirstDay.AddDays)));
        await election.RunWhileLeaderAsync(RefreshWhileLeadingAsync, stoppingToken);
    }

    private Task Changed(IEnumerable<DateOnly> days)
    {
        lock (gate)
        {
            pending.UnionWith(days);
            waitingSince ??= clock.GetUtcNow();
        }
        signal.Writer.TryWrite(true);
        return Task.CompletedTask;
    }

    private async Task RefreshWhileLeadingAsync(CancellationToken term)
    {
        lock (gate)
        {
            everything = true; // while another instance led, this one's cache work was not done
            waitingSince ??= clock.GetUtcNow();
        }
        while (true)
        {
            try
            {
                await RefreshPendingAsync(term);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The reports stay right (they mark stale days themselves); the next change tries again.
                logger.LogWarning("Refreshing the cached day marks failed: {Reason}", e.Message);
                lock (gate) everything = true;
            }
            await signal.Reader.ReadAsync(term);
            await Task.Delay(Gather, clock, term);
        }
    }

    private async Task RefreshPendingAsync(CancellationToken cancellationToken)
    {
        DateOnly[] days;
        bool all;
        DateTimeOffset? since;
        lock (gate)
        {
            (days, all, since) = (pending.ToArray(), everything, waitingSince);
            (pending, everything, waitingSince) = ([], false, null);
        }
        if (days.Length == 0 && !all) return;
        try
        {
            await RefreshAsync(all ? DeliveryDays.First : days[0], all ? DeliveryDays.Last : days[^1], cancellationToken);
        }
        catch
        {
            lock (gate) waitingSince = since; // still waiting, since then
            throw;
        }
    }

    /// <summary>Marks and caches every stale or missing trader-day between the two, for every series with prices and the default one.</summary>
    public Task RefreshAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        FlexPowerTelemetry.Start("flexpower.job.day_marks").RunAsync(() => RefreshCoreAsync(from, to, cancellationToken));

    private async Task RefreshCoreAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var series = await db.ReferencePrices.Select(p => p.Series).Distinct().ToListAsync(cancellationToken);
        if (!series.Contains(options.Value.ReferenceSeries)) series.Add(options.Value.ReferenceSeries);
        foreach (var name in series)
        {
            var stale = await DayMarkStore.StaleDaysAsync(db, name, from, to, cancellationToken);
            foreach (var (first, last) in Spans(stale))
            {
                // Under the price writers' lock, so no part of a price import commits between reading the prices and storing the marks.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await DatabaseLocks.TakeAsync(db, DatabaseLocks.ReferencePrices, cancellationToken);
                await DayMarkStore.RefreshAsync(db, name, first, last, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
    }

    /// <summary>The days as spans of at most a month, each starting at a stale day.</summary>
    internal static IEnumerable<(DateOnly First, DateOnly Last)> Spans(IReadOnlyList<DateOnly> days)
    {
        for (var i = 0; i < days.Count;)
        {
            var first = days[i];
            while (i < days.Count && days[i].DayNumber - first.DayNumber < MaxSpanDays) i++;
            yield return (first, days[i - 1]);
        }
    }
}
