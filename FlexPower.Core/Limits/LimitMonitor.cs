using FlexPower.Core.Alerts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Prices;
using FlexPower.Core.Reports;
using FlexPower.Core.Telemetry;
using FlexPower.Core.Trades;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Limits;

/// <summary>
/// Holds every trader's days to their limits: whenever trades are stored (by any route, in any instance), limits change or the
/// reference series gets prices, it measures the affected trader-days from the aggregates and raises or clears their alerts.
/// Checks run one at a time, each reading what is committed, so the last one always sees the latest trades. Every instance
/// checks every change it hears of, not only its own: two instances' checks of one trader-day may interleave, and only
/// because each instance's last check follows every commit do they end on the same, current alerts.
/// </summary>
public sealed class LimitMonitor(IDbContextFactory<FlexPowerDbContext> dbFactory, AlertWriter alerts, IOptions<ReportOptions> reportOptions, TimeProvider clock)
    : IChangeListener
{
    private static readonly string[] Kinds = [AlertKinds.OpenPositionLimit, AlertKinds.DailyLossLimit];
    private readonly string series = reportOptions.Value.ReferenceSeries;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly Lock gate = new();
    private HashSet<string> pendingTraders = new(StringComparer.Ordinal);
    private HashSet<DateOnly> pendingDays = [];

    private int prepared;

    /// <summary>Runs the check's first queries once, with nobody to measure: in a command-line import they cost ~0.6 s of EF's compiling (measured).</summary>
    public Task PrepareAsync() => Interlocked.Exchange(ref prepared, 1) == 0 ? MeasureAsync([], [], CancellationToken.None) : Task.CompletedTask;

    public Task OnChangeAsync(Change change) => change switch
    {
        TradesChanged trades => CheckAsync(trades.TraderIds, trades.DeliveryDays),
        LimitsChanged limits => CheckTraderAsync(limits.TraderId),
        PricesChanged prices when prices.Series == series => CheckDaysAsync(prices.FirstDay, prices.LastDay),
        _ => Task.CompletedTask,
    };

    /// <summary>
    /// Measures these traders' days (only traders with limits or open limit alerts cost a query). Changes that arrive while a
    /// check runs wait for it and are then measured together, in one check that starts after all of them were committed —
    /// under a stream of trades this takes one check per round instead of one per group commit.
    /// </summary>
    public async Task CheckAsync(IReadOnlySet<string> traderIds, IReadOnlySet<DateOnly> days, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            pendingTraders.UnionWith(traderIds);
            pendingDays.UnionWith(days);
        }
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            HashSet<string> traders;
            HashSet<DateOnly> checkedDays;
            lock (gate)
            {
                if (pendingTraders.Count == 0) return; // a check that started after this change was added measured it
                (traders, checkedDays, pendingTraders, pendingDays) = (pendingTraders, pendingDays, new(StringComparer.Ordinal), []);
            }
            try
            {
                await FlexPowerTelemetry.Start("flexpower.job.limit_check").Tagged(Tags.Traders, traders.Count)
                    .RunAsync(() => MeasureAsync(traders, checkedDays, cancellationToken));
            }
            catch
            {
                lock (gate) // measured with the next change instead
                {
                    pendingTraders.UnionWith(traders);
                    pendingDays.UnionWith(checkedDays);
                }
                throw;
            }
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task MeasureAsync(HashSet<string> traderIds, HashSet<DateOnly> days, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var limits = await db.TraderLimits.AsNoTracking().Where(l => traderIds.Contains(l.TraderId)).ToDictionaryAsync(l => l.TraderId, cancellationToken);
        var open = await OpenSubjectsAsync(db, cancellationToken);
        var traders = traderIds.Where(t => limits.ContainsKey(t) || open.Any(s => s.StartsWith(t + " ", StringComparison.Ordinal))).ToList();
        if (traders.Count == 0) return;

        var rows = await db.TradeQuarters.AsNoTracking().Where(h => traders.Contains(h.TraderId) && days.Contains(h.DeliveryDay)).ToListAsync(cancellationToken);
        var prices = (await db.ReferencePrices.AsNoTracking().Where(p => p.Series == series && days.Contains(p.DeliveryDay)).ToListAsync(cancellationToken))
            .GroupBy(p => p.DeliveryDay).ToDictionary(g => g.Key, g => QuarterPrices.Of(BerlinQuarters.CountOf(g.Key), g));
        var quartersByDay = rows.GroupBy(q => (q.TraderId, q.DeliveryDay)).ToDictionary(g => g.Key, g => PeriodSums.Spread(g.Select(q => q.Period())));
        var wanted = new List<WantedAlert>();
        var scope = new HashSet<string>();
        foreach (var trader in traders)
            foreach (var day in days)
            {
                scope.UnionWith(LimitRules.Subjects(trader, day));
                if (!limits.TryGetValue(trader, out var limit)) continue;
                var usage = LimitRules.Measure(trader, day, limit, quartersByDay.GetValueOrDefault((trader, day)) ?? [], prices.GetValueOrDefault(day) ?? new long?[BerlinQuarters.CountOf(day)]);
                wanted.AddRange(LimitRules.Alerts(usage));
            }
        await alerts.SyncAsync(Kinds, a => scope.Contains(a.Subject), wanted,
            a => limits.ContainsKey(SubjectTrader(a.Subject, traders)) ? "Back inside the limit." : "The trader's limit was removed.", cancellationToken);
    }

    /// <summary>
    /// After a limit changed: the trader's days that are still traded (Berlin today on), their latest day with trades,
    /// and every day with an open limit alert.
    /// </summary>
    public async Task CheckTraderAsync(string traderId, CancellationToken cancellationToken = default)
    {
        var today = BerlinTime.Today(clock);
        HashSet<DateOnly> days;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            days = (await db.TradeDays.AsNoTracking().Where(d => d.TraderId == traderId && d.DeliveryDay >= today).Select(d => d.DeliveryDay).ToListAsync(cancellationToken)).ToHashSet();
            var latest = await db.TradeDays.AsNoTracking().Where(d => d.TraderId == traderId).OrderByDescending(d => d.DeliveryDay).Select(d => (DateOnly?)d.DeliveryDay).FirstOrDefaultAsync(cancellationToken);
            if (latest is { } l) days.Add(l);
            foreach (var subject in await OpenSubjectsAsync(db, cancellationToken))
                if (subject.StartsWith(traderId + " ", StringComparison.Ordinal) && DayFormat.TryParse(subject.AsSpan(traderId.Length + 1, 10), out var day))
                    days.Add(day);
        }
        if (days.Count > 0) await CheckAsync(new HashSet<string> { traderId }, days, cancellationToken);
    }

    /// <summary>After reference prices changed: every trader with a limit, on the days of the change they traded.</summary>
    public async Task CheckDaysAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken = default)
    {
        List<(string TraderId, DateOnly Day)> traded;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var withLimits = await db.TraderLimits.AsNoTracking().Select(l => l.TraderId).ToListAsync(cancellationToken);
            traded = (await db.TradeDays.AsNoTracking().Where(d => withLimits.Contains(d.TraderId) && d.DeliveryDay >= first && d.DeliveryDay <= last)
                .Select(d => new { d.TraderId, d.DeliveryDay }).ToListAsync(cancellationToken)).Select(d => (d.TraderId, d.DeliveryDay)).ToList();
        }
        // One check for all of them: the other traders' days it adds have no trades of theirs, so they want no alert.
        if (traded.Count > 0)
            await CheckAsync(traded.Select(t => t.TraderId).ToHashSet(), traded.Select(t => t.Day).ToHashSet(), cancellationToken);
    }

    private static async Task<List<string>> OpenSubjectsAsync(FlexPowerDbContext db, CancellationToken cancellationToken) =>
        await db.Alerts.AsNoTracking().Where(a => a.ClearedUtc == null && Kinds.Contains(a.Kind)).Select(a => a.Subject).ToListAsync(cancellationToken);

    private static string SubjectTrader(string subject, IEnumerable<string> traders) =>
        traders.Where(t => subject.StartsWith(t + " ", StringComparison.Ordinal)).MaxBy(t => t.Length) ?? "";
}
