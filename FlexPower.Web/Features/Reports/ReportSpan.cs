using FlexPower.Core.Common;
using FlexPower.Core.Reports;

namespace FlexPower.Web.Features.Reports;

/// <summary>The range report's span: what it opens on, and the presets.</summary>
public sealed record ReportSpan(DateOnly From, DateOnly To, Granularity Granularity)
{
    public const int DefaultDays = 30;

    /// <summary>
    /// Without a span in the link: the last 30 days up to the latest day with trades, by day — a history that ended
    /// weeks ago still opens on its data, not on a page of zeros. With no trades at all, the 30 days up to today.
    /// </summary>
    public static ReportSpan Default(DateOnly? latestWithTrades, DateOnly today)
    {
        var end = latestWithTrades ?? today;
        return new(end.AddDays(-(DefaultDays - 1)), end, Granularity.Day);
    }

    public static ReportSpan ThisWeek(DateOnly today) => new(ReportRules.PeriodStart(today, Granularity.Week), today, Granularity.Day);

    public static ReportSpan LastMonth(DateOnly today)
    {
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        return new(start, start.AddMonths(1).AddDays(-1), Granularity.Day);
    }

    public static ReportSpan YearToDate(DateOnly today) => new(new DateOnly(today.Year, 1, 1), today, Granularity.Week);

    /// <summary>Drilling into a period: a week or month opens by day (clipped to the current span).</summary>
    public ReportSpan Into(DateOnly periodStart)
    {
        var end = Granularity == Granularity.Month ? periodStart.AddMonths(1).AddDays(-1) : periodStart.AddDays(6);
        return new(periodStart > From ? periodStart : From, end < To ? end : To, Granularity.Day);
    }

    /// <summary>A period's label in the table and the export: the ISO day, or the month.</summary>
    public string Label(DateOnly periodStart) => Granularity == Granularity.Month ? periodStart.ToString("MMM yyyy", Invariant) : DayFormat.Of(periodStart);

    /// <summary>A shorter label for a chart's axis ("3 Nov"); the year only when the span crosses one, so every label stays unique.</summary>
    public string ChartLabel(DateOnly periodStart) =>
        Granularity == Granularity.Month ? periodStart.ToString("MMM yy", Invariant)
        : From.Year == To.Year ? periodStart.ToString("d MMM", Invariant)
        : periodStart.ToString("d MMM yy", Invariant);

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;
}
