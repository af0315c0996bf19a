using FlexPower.Core.Common;
using FlexPower.Core.Prices;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Reports;

/// <summary>The length of a day report's periods; the value is the quarter-hours in one.</summary>
public enum Resolution { PT15M = 1, PT30M = 2, PT60M = 4 }

/// <summary>One quarter-hour of a day's trades, summed (kWh, millicents); <see cref="Quarter"/> as <see cref="BerlinQuarters"/> numbers it.</summary>
public sealed record QuarterSums(int Quarter, int TradeCount, long BuyKwh, long SellKwh, long BuyMillicents, long SellMillicents)
{
    public QuarterSums Plus(QuarterSums other) =>
        this with { TradeCount = TradeCount + other.TradeCount, BuyKwh = BuyKwh + other.BuyKwh, SellKwh = SellKwh + other.SellKwh,
            BuyMillicents = BuyMillicents + other.BuyMillicents, SellMillicents = SellMillicents + other.SellMillicents };
}

/// <summary>
/// A day's report at a resolution, from its quarter-hour sums and the reference prices of its quarters, pure. Every period
/// of the day is a row (92/96/100 quarters, 46/48/50 half-hours, 23/24/25 hours): its MW are its energy over its length
/// (average MW), its VWAPs energy-weighted, its MtM cash plus Σ net kWh × R over its priced quarters (a quarter has the price
/// of the stored period it lies in — an hourly price applies to each of its quarters; energy in an unpriced quarter counts
/// at its cash), null when none of its quarters has a price; its reference price is <see cref="QuarterPrices.Shown"/>.
/// Totals sum the quarters, so they are the same at every resolution; hours without a price count traded clock hours
/// (occurrences) with a traded quarter that has none (<see cref="MarksOf"/>), whatever the resolution.
/// </summary>
public static class DayPeriods
{
    /// <summary>The report at <paramref name="resolution"/>; null picks the finest the day's trades need (<see cref="FinestNeeded"/>).</summary>
    public static DayReport Of(string? traderId, DateOnly day, string series, Resolution? resolution, IEnumerable<QuarterSums> stored, long?[] prices)
    {
        var count = BerlinQuarters.CountOf(day);
        var dayStart = BerlinQuarters.DayStartUtc(day);
        var quarters = new QuarterSums?[count];
        foreach (var q in stored) quarters[q.Quarter] = q;
        var shown = resolution ?? FinestNeeded(quarters);
        var size = (int)shown;
        var rows = new List<HourPnl>(count / size);
        for (var first = 0; first < count; first += size)
        {
            var s = Sum(quarters.AsSpan(first, size));
            var legacyHour = BerlinQuarters.DeliveryHourOf(count, first);
            var (mark, priced) = MarkOf(quarters.AsSpan(first, size), prices.AsSpan(first, size));
            var start = DateTime.SpecifyKind(dayStart + first * BerlinQuarters.Length, DateTimeKind.Utc);
            var end = start + size * BerlinQuarters.Length;
            var net = Position.NetKwh(s.BuyKwh, s.SellKwh);
            rows.Add(new HourPnl(legacyHour ?? 2, s.TradeCount, Position.AverageMw(s.BuyKwh, size), Position.AverageMw(s.SellKwh, size),
                Pnl.EurOfMillicents(s.SellMillicents, s.BuyMillicents), Position.AverageMw(net, size), Position.AverageMw(s.MatchedKwh, size),
                Position.VwapEurMwh(s.BuyMillicents, s.BuyKwh), Position.VwapEurMwh(s.SellMillicents, s.SellKwh),
                QuarterPrices.Shown(prices.AsSpan(first, size)) is { } cents ? PriceRules.EurMwh(cents) : null,
                priced ? Pnl.EurOfMillicents(s.SellMillicents + mark, s.BuyMillicents) : null,
                start, end, PeriodLabel.Of(start, end),
                Position.Mwh(s.BuyKwh), Position.Mwh(s.SellKwh), Position.Mwh(net)));
        }
        var all = Sum(quarters);
        var marks = MarksOf(quarters, prices);
        var total = new DayTotal(all.TradeCount, Position.Mwh(all.BuyKwh), Position.Mwh(all.SellKwh), Pnl.EurOfMillicents(all.SellMillicents, all.BuyMillicents),
            Position.Mwh(Position.NetKwh(all.BuyKwh, all.SellKwh)), Position.Mwh(all.MatchedKwh),
            Position.VwapEurMwh(all.BuyMillicents, all.BuyKwh), Position.VwapEurMwh(all.SellMillicents, all.SellKwh),
            marks.MtmEur(all.SellMillicents, all.BuyMillicents), marks.UnpricedHours);
        return new DayReport(traderId, day, series, rows, total, shown.ToString());
    }

    /// <summary>
    /// The coarsest resolution that hides nothing of the day's trades: an hour (half-hour) is enough where its later quarters
    /// start no trade and deliver what its first does. Prices do not count: a row's MtM sums its quarters' marks at any resolution.
    /// </summary>
    public static Resolution FinestNeeded(ReadOnlySpan<QuarterSums?> quarters)
    {
        var needed = Resolution.PT60M;
        for (var first = 0; first < quarters.Length; first += 4)
        {
            var (q0, q1, q2, q3) = (quarters[first], quarters[first + 1], quarters[first + 2], quarters[first + 3]);
            if (Continues(q0, q1) && Continues(q1, q2) && Continues(q2, q3)) continue;
            if (!Continues(q0, q1) || !Continues(q2, q3)) return Resolution.PT15M;
            needed = Resolution.PT30M;
        }
        return needed;
    }

    // The next quarter starts no trade and delivers the same energy and cash as the one before it.
    private static bool Continues(QuarterSums? before, QuarterSums? next) =>
        (next?.TradeCount ?? 0) == 0 && (before?.BuyKwh ?? 0) == (next?.BuyKwh ?? 0) && (before?.SellKwh ?? 0) == (next?.SellKwh ?? 0)
        && (before?.BuyMillicents ?? 0) == (next?.BuyMillicents ?? 0) && (before?.SellMillicents ?? 0) == (next?.SellMillicents ?? 0);

    /// <summary>
    /// The day's positions marked per traded clock hour (four quarters: 25 on the autumn day), as the day-marks cache marks
    /// them: every traded quarter with a price is marked, one without counts at its cash; a traded hour counts as priced when a
    /// traded quarter in it has a price and as without price when one has none — an hour partly priced counts as both, so it
    /// is flagged in hours_without_price while its priced quarters are still marked (and its MtM is not null).
    /// </summary>
    public static Marks MarksOf(ReadOnlySpan<QuarterSums?> quarters, ReadOnlySpan<long?> prices)
    {
        var marks = default(Marks);
        for (var first = 0; first < quarters.Length; first += 4)
        {
            long mark = 0;
            bool traded = false, priced = false, unpriced = false;
            for (var q = first; q < first + 4; q++)
            {
                if (quarters[q] is not { } t || (t.TradeCount == 0 && t.BuyKwh == 0 && t.SellKwh == 0)) continue;
                traded = true;
                if (prices[q] is { } r)
                {
                    mark += Position.MarkMillicents(t.BuyKwh, t.SellKwh, r);
                    priced = true;
                }
                else unpriced = true;
            }
            if (traded) marks += new Marks(mark, priced ? 1 : 0, unpriced ? 1 : 0);
        }
        return marks;
    }

    // Σ net kWh × R over the period's quarters with a price (millicents), and whether any quarter had one.
    private static (long Mark, bool Priced) MarkOf(ReadOnlySpan<QuarterSums?> quarters, ReadOnlySpan<long?> prices)
    {
        var (mark, priced) = (0L, false);
        for (var q = 0; q < quarters.Length; q++)
        {
            if (prices[q] is not { } r) continue;
            priced = true;
            if (quarters[q] is { } t) mark += Position.MarkMillicents(t.BuyKwh, t.SellKwh, r);
        }
        return (mark, priced);
    }

    private readonly record struct Sums(int TradeCount, long BuyKwh, long SellKwh, long BuyMillicents, long SellMillicents, long MatchedKwh);

    // Matched energy is summed per quarter: a purchase in one quarter-hour does not close a sale in another.
    private static Sums Sum(ReadOnlySpan<QuarterSums?> quarters)
    {
        var s = default(Sums);
        foreach (var q in quarters)
            if (q is { } t)
                s = new Sums(s.TradeCount + t.TradeCount, s.BuyKwh + t.BuyKwh, s.SellKwh + t.SellKwh, s.BuyMillicents + t.BuyMillicents,
                    s.SellMillicents + t.SellMillicents, s.MatchedKwh + Position.MatchedKwh(t.BuyKwh, t.SellKwh));
        return s;
    }
}

/// <summary>A clock hour's sums of the shorter periods in it, for a ladder at PT15M or PT30M: energy in MWh (an hour's MWh are its average MW).</summary>
public sealed record HourSubtotal(string Label, int TradeCount, decimal BuyMwh, decimal SellMwh, decimal PnlEur, decimal NetMwh, decimal? MtmEur)
{
    public bool IsEmpty => TradeCount == 0 && BuyMwh == 0 && SellMwh == 0;

    /// <summary>The sums of <paramref name="periods"/>, the periods of one clock hour; MtM null where none of them had a price.</summary>
    public static HourSubtotal Of(IReadOnlyList<HourPnl> periods) => new(
        periods[0].DeskLabel(nameof(Resolution.PT60M)), periods.Sum(p => p.TradeCount), periods.Sum(p => p.BuyMwh), periods.Sum(p => p.SellMwh),
        periods.Sum(p => p.PnlEur), periods.Sum(p => p.NetMwh), periods.All(p => p.MtmEur is null) ? null : periods.Sum(p => p.MtmEur ?? p.PnlEur));
}
