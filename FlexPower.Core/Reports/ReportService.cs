using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Trades;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Reports;

/// <summary>PnL reports for pages, API and terminal, read from the hourly and daily aggregates — never from raw trades.</summary>
public sealed class ReportService(IDbContextFactory<FlexPowerDbContext> dbFactory)
{
    /// <summary>Every Europe/Berlin hour of the day (23 on the spring clock change), zeros where nothing traded.</summary>
    public async Task<DayReport> DayAsync(Caller caller, string? traderId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var trader = RequireTrader(caller, traderId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.TradeHours.AsNoTracking().Where(h => h.TraderId == trader && h.DeliveryDay == day).ToDictionaryAsync(h => h.DeliveryHour, cancellationToken);
        var hours = BerlinTime.HoursOf(day).Select(hour => stored.TryGetValue(hour, out var h)
            ? new HourPnl(hour, h.TradeCount, h.BuyMw, h.SellMw, Pnl.Eur(h.SellCents, h.BuyCents))
            : new HourPnl(hour, 0, 0, 0, 0m)).ToList();
        var total = PnlTotals.From(stored.Values.Sum(h => h.TradeCount), stored.Values.Sum(h => h.BuyMw), stored.Values.Sum(h => h.SellMw),
            stored.Values.Sum(h => h.BuyCents), stored.Values.Sum(h => h.SellCents));
        return new DayReport(trader, day, hours, total);
    }

    /// <summary>Every period between the two days (zeros where nothing traded) with cumulative PnL; a Manager may omit the trader for the whole desk.</summary>
    public async Task<RangeReport> RangeAsync(Caller caller, string? traderId, DateOnly from, DateOnly to, Granularity granularity, CancellationToken cancellationToken = default)
    {
        var trader = caller.ReadScope(traderId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var days = db.TradeDays.AsNoTracking().Where(d => d.DeliveryDay >= from && d.DeliveryDay <= to);
        if (trader is not null) days = days.Where(d => d.TraderId == trader);
        var perDay = await days.GroupBy(d => d.DeliveryDay)
            .Select(g => new { Day = g.Key, Count = g.Sum(d => d.TradeCount), Buy = g.Sum(d => d.BuyMw), Sell = g.Sum(d => d.SellMw), BuyCents = g.Sum(d => d.BuyCents), SellCents = g.Sum(d => d.SellCents) })
            .ToListAsync(cancellationToken);

        var byPeriod = perDay.ToLookup(d => ReportRules.PeriodStart(d.Day, granularity));
        var periods = new List<PeriodPnl>();
        var cumulative = 0m;
        for (var start = ReportRules.PeriodStart(from, granularity); start <= to; start = ReportRules.NextPeriod(start, granularity))
        {
            var p = byPeriod[start].ToList();
            var pnl = Pnl.Eur(p.Sum(d => d.SellCents), p.Sum(d => d.BuyCents));
            cumulative += pnl;
            periods.Add(new PeriodPnl(start, p.Sum(d => d.Count), p.Sum(d => d.Buy), p.Sum(d => d.Sell), pnl, cumulative));
        }
        var total = PnlTotals.From(perDay.Sum(d => d.Count), perDay.Sum(d => d.Buy), perDay.Sum(d => d.Sell), perDay.Sum(d => d.BuyCents), perDay.Sum(d => d.SellCents));
        return new RangeReport(trader, from, to, granularity.ToString().ToLowerInvariant(), periods, total);
    }

    /// <summary>Per trader over the range, best PnL first, with each trader's best and worst day (Managers only).</summary>
    public async Task<TraderSummaryReport> TradersAsync(Caller caller, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        caller.EnsureSeesDesk("The trader summary");
        // A desk-wide year is ~18k daily rows: streamed as plain tuples (no entities, no tracking) and summed here.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.TradeDays.AsNoTracking().Where(d => d.DeliveryDay >= from && d.DeliveryDay <= to)
            .Select(d => new { d.TraderId, d.DeliveryDay, d.TradeCount, d.BuyMw, d.SellMw, d.BuyCents, d.SellCents });
        var traders = new Dictionary<string, TraderAccumulator>();
        await foreach (var d in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!traders.TryGetValue(d.TraderId, out var sums)) traders[d.TraderId] = sums = new TraderAccumulator();
            sums.Add(d.DeliveryDay, d.TradeCount, d.BuyMw, d.SellMw, d.BuyCents, d.SellCents);
        }
        var summaries = traders.Select(t => t.Value.ToSummary(t.Key)).OrderByDescending(t => t.PnlEur).ThenBy(t => t.TraderId).ToList();
        return new TraderSummaryReport(from, to, summaries);
    }

    private sealed class TraderAccumulator
    {
        private int count;
        private long buyMw, sellMw, pnlCents, bestCents = long.MinValue, worstCents = long.MaxValue;
        private DateOnly? bestDay, worstDay;

        public void Add(DateOnly day, int trades, long buy, long sell, long buyCents, long sellCents)
        {
            var dayCents = sellCents - buyCents;
            (count, buyMw, sellMw, pnlCents) = (count + trades, buyMw + buy, sellMw + sell, pnlCents + dayCents);
            // Ties go to the earlier day, whatever order the database returns the rows in.
            if (dayCents > bestCents || (dayCents == bestCents && day < bestDay)) (bestCents, bestDay) = (dayCents, day);
            if (dayCents < worstCents || (dayCents == worstCents && day < worstDay)) (worstCents, worstDay) = (dayCents, day);
        }

        public TraderSummary ToSummary(string trader) => new(trader, count, buyMw, sellMw, Pnl.Eur(pnlCents, 0), Day(bestDay, bestCents), Day(worstDay, worstCents));

        private static DayPnl? Day(DateOnly? day, long cents) => day is { } d ? new DayPnl(d, Pnl.Eur(cents, 0)) : null;
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

    /// <summary>How many trades there are (a trader's own, or the desk's), summed from the daily aggregate.</summary>
    public async Task<long> TradeCountAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        var trader = caller.ReadScope(null);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var days = db.TradeDays.AsNoTracking();
        if (trader is not null) days = days.Where(d => d.TraderId == trader);
        return await days.SumAsync(d => (long)d.TradeCount, cancellationToken);
    }

    /// <summary>Trader ids with trades, for pickers (Managers see all).</summary>
    public async Task<IReadOnlyList<string>> TraderIdsAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        if (caller.ReadScope(null) is { } own) return [own];
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TradeDays.AsNoTracking().Select(d => d.TraderId).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
    }

    /// <summary>The trader a day report is about: a Trader's own; a Manager must name one.</summary>
    private static string RequireTrader(Caller caller, string? traderId) =>
        caller.ReadScope(traderId) ?? throw new ValidationFailedException("trader_id is required: the day report is for one trader.");
}
