using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Stores;
using FlexPower.Core.Prices;
using FlexPower.Core.Telemetry;
using FlexPower.Core.Trades;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Reports;

/// <summary>
/// PnL, position and mark-to-market reports for pages, API and terminal, read from the quarter-hour and daily aggregates — never
/// from raw trades — and a reference series (<see cref="ReportOptions.ReferenceSeries"/> unless the caller names another).
/// </summary>
public sealed class ReportService(IDbContextFactory<FlexPowerDbContext> dbFactory, IOptions<ReportOptions> options)
{
    /// <summary>The series reports use when none is named.</summary>
    public string DefaultSeries => options.Value.ReferenceSeries;

    /// <summary>
    /// Every Europe/Berlin period of the day at the resolution (hours: 23 on the spring clock change, 25 in autumn), zeros
    /// where nothing traded; a null resolution is the finest the day's trades need (the pages' default).
    /// </summary>
    public Task<DayReport> DayAsync(Caller caller, string? traderId, DateOnly day, string? series = null, CancellationToken cancellationToken = default,
        Resolution? resolution = Resolution.PT60M) =>
        Traced.ReportAsync("day", caller, traderId, async () =>
    {
        var trader = RequireTrader(caller, traderId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var quarters = PeriodSums.Spread(await db.TradeQuarters.AsNoTracking().Where(q => q.TraderId == trader && q.DeliveryDay == day)
            .Select(q => new PeriodSums(q.Quarter, q.Quarters, q.TradeCount, q.BuyKwh, q.SellKwh, q.BuyMillicents, q.SellMillicents)).ToListAsync(cancellationToken));
        var name = Series(series);
        return DayPeriods.Of(trader, day, name, resolution, quarters, await PriceService.QuartersAsync(db, name, day, cancellationToken));
    });

    /// <summary>The whole desk's day per delivery period: every trader's trades together (Managers only).</summary>
    public Task<DayReport> DeskDayAsync(Caller caller, DateOnly day, string? series = null, CancellationToken cancellationToken = default,
        Resolution? resolution = Resolution.PT60M) =>
        Traced.ReportAsync("desk_day", caller, null, async () =>
    {
        caller.EnsureSeesDesk("The desk's position");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var quarters = PeriodSums.Spread(await db.TradeQuarters.AsNoTracking().Where(q => q.DeliveryDay == day).GroupBy(q => new { q.Quarter, q.Quarters })
            .Select(g => new PeriodSums(g.Key.Quarter, g.Key.Quarters, g.Sum(q => q.TradeCount), g.Sum(q => q.BuyKwh), g.Sum(q => q.SellKwh), g.Sum(q => q.BuyMillicents), g.Sum(q => q.SellMillicents)))
            .ToListAsync(cancellationToken));
        var name = Series(series);
        return DayPeriods.Of(null, day, name, resolution, quarters, await PriceService.QuartersAsync(db, name, day, cancellationToken));
    });

    /// <summary>Every period between the two days (zeros where nothing traded) with cumulative PnL; a Manager may omit the trader for the whole desk.</summary>
    public Task<RangeReport> RangeAsync(Caller caller, string? traderId, DateOnly from, DateOnly to, Granularity granularity, string? series = null, CancellationToken cancellationToken = default) =>
        Traced.ReportAsync("range", caller, traderId, async () =>
    {
        var trader = caller.ReadScope(traderId);
        var name = Series(series);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var days = await DayMarkStore.ReadAsync(db, name, trader, from, to, cancellationToken);

        var byPeriod = days.ToLookup(d => ReportRules.PeriodStart(d.DeliveryDay, granularity));
        var periods = new List<PeriodPnl>();
        var cumulative = 0m;
        for (var start = ReportRules.PeriodStart(from, granularity); start <= to; start = ReportRules.NextPeriod(start, granularity))
        {
            var sums = DaySums.Of(byPeriod[start]);
            cumulative += sums.PnlEur;
            periods.Add(new PeriodPnl(start, sums.TradeCount, sums.BuyMw, sums.SellMw, sums.PnlEur, cumulative, sums.NetMw, sums.MtmEur, sums.Marks.UnpricedHours));
        }
        var all = DaySums.Of(days);
        var total = new PnlTotals(all.TradeCount, all.BuyMw, all.SellMw, all.PnlEur, all.NetMw, all.MtmEur, all.Marks.UnpricedHours);
        return new RangeReport(trader, from, to, granularity.ToString().ToLowerInvariant(), name, periods, total);
    });

    /// <summary>Per trader over the range, best PnL first, with net MW, MtM and each trader's best and worst day (Managers only).</summary>
    public Task<TraderSummaryReport> TradersAsync(Caller caller, DateOnly from, DateOnly to, string? series = null, CancellationToken cancellationToken = default) =>
        Traced.ReportAsync("traders", caller, null, async () =>
    {
        caller.EnsureSeesDesk("The trader summary");
        var name = Series(series);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sums = await DayMarkStore.SumByTraderAsync(db, name, from, to, cancellationToken);
        // A desk-wide year is ~18k daily rows, streamed through a plain reader for the best and worst days.
        var days = new Dictionary<string, ExtremeDays>();
        await DayMarkStore.ForEachDayPnlAsync(db, from, to, (trader, day, millicents) =>
        {
            if (!days.TryGetValue(trader, out var extremes)) days[trader] = extremes = new ExtremeDays();
            extremes.Add(day, millicents);
        }, cancellationToken);
        var summaries = sums.Select(t => new TraderSummary(t.TraderId, t.TradeCount, Position.Mwh(t.BuyKwh), Position.Mwh(t.SellKwh),
                Pnl.EurOfMillicents(t.SellMillicents, t.BuyMillicents), Position.Mwh(Position.NetKwh(t.BuyKwh, t.SellKwh)), t.Marks.MtmEur(t.SellMillicents, t.BuyMillicents), t.Marks.UnpricedHours,
                days.GetValueOrDefault(t.TraderId)?.Best, days.GetValueOrDefault(t.TraderId)?.Worst))
            .OrderByDescending(t => t.PnlEur).ThenBy(t => t.TraderId, StringComparer.Ordinal).ToList();
        return new TraderSummaryReport(from, to, name, summaries);
    });

    private sealed class ExtremeDays
    {
        private long best = long.MinValue, worst = long.MaxValue;
        private DateOnly bestDay, worstDay;

        public DayPnl Best => new(bestDay, Pnl.EurOfMillicents(best, 0));
        public DayPnl Worst => new(worstDay, Pnl.EurOfMillicents(worst, 0));

        public void Add(DateOnly day, long millicents)
        {
            // Ties go to the earlier day, whatever order the database returns the rows in.
            if (millicents > best || (millicents == best && day < bestDay)) (best, bestDay) = (millicents, day);
            if (millicents < worst || (millicents == worst && day < worstDay)) (worst, worstDay) = (millicents, day);
        }
    }

    /// <summary>The sums of a set of marked days.</summary>
    private sealed record DaySums(int TradeCount, long BuyKwh, long SellKwh, long BuyMillicents, long SellMillicents, Marks Marks)
    {
        public decimal BuyMw => Position.Mwh(BuyKwh);
        public decimal SellMw => Position.Mwh(SellKwh);
        public decimal PnlEur => Pnl.EurOfMillicents(SellMillicents, BuyMillicents);
        public decimal NetMw => Position.Mwh(Position.NetKwh(BuyKwh, SellKwh));
        public decimal? MtmEur => Marks.MtmEur(SellMillicents, BuyMillicents);

        public static DaySums Of(IEnumerable<MarkedDay> days)
        {
            var (count, buy, sell, buyCents, sellCents, marks) = (0, 0L, 0L, 0L, 0L, default(Marks));
            foreach (var d in days)
                (count, buy, sell, buyCents, sellCents, marks) = (count + d.TradeCount, buy + d.BuyKwh, sell + d.SellKwh, buyCents + d.BuyMillicents, sellCents + d.SellMillicents, marks + d.Marks);
            return new DaySums(count, buy, sell, buyCents, sellCents, marks);
        }
    }

    /// <summary>The latest delivery day with trades (a trader's own, or the desk's), read from the daily aggregate.</summary>
    public async Task<DateOnly?> LatestDayAsync(Caller caller, string? traderId, CancellationToken cancellationToken = default)
    {
        var trader = caller.ReadScope(traderId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var days = db.TradeDays.AsNoTracking();
        if (trader is not null) days = days.Where(d => d.TraderId == trader);
        return await days.OrderByDescending(d => d.DeliveryDay).Select(d => (DateOnly?)d.DeliveryDay).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The delivery days from..to with trades, to mark in a calendar: of one trader (a Trader: only their own), or of
    /// the whole desk when a Manager names none.
    /// </summary>
    public async Task<IReadOnlySet<DateOnly>> TradedDaysAsync(Caller caller, string? traderId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var trader = caller.ReadScope(traderId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var days = db.TradeDays.AsNoTracking().Where(d => d.DeliveryDay >= from && d.DeliveryDay <= to && d.TradeCount > 0);
        if (trader is not null) days = days.Where(d => d.TraderId == trader);
        return (await days.Select(d => d.DeliveryDay).Distinct().ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>Trader ids with trades, for pickers (Managers see all).</summary>
    public async Task<IReadOnlyList<string>> TraderIdsAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        if (caller.ReadScope(null) is { } own) return [own];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TradeDays.AsNoTracking().Select(d => d.TraderId).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }

    /// <summary>The series a caller asked for, checked, or the configured default when it named none.</summary>
    public string Series(string? requested) => string.IsNullOrWhiteSpace(requested) ? DefaultSeries : PriceRules.Series(requested);

    /// <summary>The trader a day report is about: a Trader's own; a Manager must name one.</summary>
    private static string RequireTrader(Caller caller, string? traderId) =>
        caller.ReadScope(traderId) ?? throw new ValidationFailedException("trader_id is required: the day report is for one trader.");
}
