using FlexPower.Core.Common;
using FlexPower.Core.Reports;

namespace FlexPower.Web.Features.Reports;

/// <summary>The reports' URLs: the range report's state, and the day report's way back to the range it was opened from.</summary>
public static class ReportLinks
{
    public static string Range(string? trader, DateOnly from, DateOnly to, Granularity granularity, string? series = null) =>
        $"reports{Query(trader, from, to, granularity, series)}";

    /// <summary>A range's query; a null series (the configured default) is left out.</summary>
    public static string Query(string? trader, DateOnly from, DateOnly to, Granularity granularity, string? series = null) =>
        $"?from={DayFormat.Of(from)}&to={DayFormat.Of(to)}&granularity={granularity.ToString().ToLowerInvariant()}{(trader is null ? "" : $"&trader={Uri.EscapeDataString(trader)}")}{Series(series)}";

    public static string Day(string trader, DateOnly? day, string? back, string? series = null) =>
        $"reports/day?trader={Uri.EscapeDataString(trader)}{(day is { } d ? $"&day={DayFormat.Of(d)}" : "")}{Series(series)}{(back is null ? "" : $"&back={Uri.EscapeDataString(back)}")}";

    private static string Series(string? series) => series is null ? "" : $"&series={Uri.EscapeDataString(series)}";

    /// <summary>
    /// Where "Back to the range report" leads: the range the user drilled down from, when the link carries one
    /// (only a range-report address is followed), otherwise the week of the day, by day.
    /// </summary>
    public static string Back(string? back, string trader, DateOnly? day)
    {
        if (back is not null && (back == "reports" || back.StartsWith("reports?", StringComparison.Ordinal)) && !back.Contains("//")) return back;
        if (day is not { } d) return "reports";
        var monday = ReportRules.PeriodStart(d, Granularity.Week);
        return Range(trader, monday, monday.AddDays(6), Granularity.Day);
    }
}
