using Plotly.Blazor.LayoutLib;

namespace FlexPower.Web.Components.Shared;

/// <summary>
/// Margins that already fit a chart's tick labels and legend. Plotly lays a chart out once, and when automargin then has
/// to widen a margin for a label or the legend, it lays the whole chart out again: 30–40 ms a chart in the browser
/// (docs/performance.md). The widths are estimated from the labels' characters, in DejaVu Sans (the widest of the usual
/// system-ui fonts) at the charts' 12 px; automargin stays on, so a label wider than estimated still fits, drawn twice.
/// </summary>
public static class ChartMargins
{
    public const int Right = 12;
    /// <summary>Below the plot with flat labels.</summary>
    private const int FlatLabels = 40;

    /// <summary>The left margin beyond the widest y label: tick padding and the axis title.</summary>
    private const int BesideYLabels = 28;
    /// <summary>Below the plot beyond the widest label turned upright; an axis title's room below flat and upright labels.</summary>
    private const int BelowUprightLabels = 21, XTitleBelowFlat = 6, XTitleBelowUpright = 14;
    /// <summary>Above the plot: nothing, or the legend's first row and each further one.</summary>
    private const int NoLegend = 8, FirstLegendRow = 38, FurtherLegendRow = 18;
    /// <summary>The narrowest plot (a phone's chart less its margins): labels wider than this together are turned upright.</summary>
    public const int NarrowestPlot = 250;
    private const double LabelGap = 4;

    /// <param name="widestYLabel">The y axis's widest tick label (<see cref="WidestTick"/>, or the longest category name).</param>
    /// <param name="legendRows">Rows of the legend above the plot; 0 without one.</param>
    /// <param name="bottom">The room below the plot (<see cref="Bottom"/>).</param>
    public static Margin For(string widestYLabel, int legendRows, int bottom) => new()
    {
        L = Left(widestYLabel),
        R = Right,
        T = legendRows == 0 ? NoLegend : NoLegend + FirstLegendRow + (legendRows - 1) * FurtherLegendRow,
        B = bottom,
    };

    /// <summary>The margins of a chart of these values over these category labels (the common case).</summary>
    public static Margin For(IEnumerable<decimal> yValues, string? ySuffix, IReadOnlyCollection<string> xLabels, int legendRows) =>
        For(WidestTick(yValues, ySuffix), legendRows, Bottom(xLabels));

    /// <summary>The left margin: the widest y label and, beside it, the tick padding and the axis title.</summary>
    public static int Left(string widestYLabel) => (int)Math.Ceiling(TextWidth(widestYLabel)) + BesideYLabels;

    /// <summary>
    /// The widest label plotly's automatic ticks give values in this range: thousands separated below 10,000, SI above
    /// ("15k", "2M"), a decimal below 10, the axis padded a little beyond the data.
    /// </summary>
    public static string WidestTick(IEnumerable<decimal> values, string? suffix = null)
    {
        var (low, high) = (0m, 0m);
        foreach (var value in values) (low, high) = (Math.Min(low, value), Math.Max(high, value));
        var largest = Math.Max(-low, high) * 1.1m;
        var digits = largest switch
        {
            >= 1_000_000_000 => Digits(largest / 1_000_000_000) + "G",
            >= 1_000_000 => Digits(largest / 1_000_000) + "M",
            >= 10_000 => Digits(largest / 1_000) + "k",
            >= 1_000 => "0,000",
            >= 10 => Digits(largest),
            >= 1 => "0.0",
            _ => "0.00",
        };
        return (low < 0 ? "−" : "") + digits + suffix;
    }

    /// <summary>
    /// Room below the plot for these x labels (and the axis title): flat when they fit side by side on the narrowest plot
    /// the chart is drawn in, else turned upright, as plotly turns them.
    /// </summary>
    public static int Bottom(IReadOnlyCollection<string> xLabels, bool titled = false, double narrowestPlot = NarrowestPlot)
    {
        var widest = xLabels.Count == 0 ? 0 : xLabels.Max(TextWidth);
        var flat = FlatLabels + (titled ? XTitleBelowFlat : 0);
        if (xLabels.Count * (widest + LabelGap) <= narrowestPlot) return flat;
        return Math.Max(flat, (int)Math.Ceiling(widest) + BelowUprightLabels + (titled ? XTitleBelowUpright : 0));
    }

    /// <summary>The text's width in pixels, from DejaVu Sans's advances at 12 px (measured in Chromium), rounded up.</summary>
    public static double TextWidth(string text) => text.Sum(c => c switch
    {
        >= '0' and <= '9' or '€' or '$' or '_' => 7.7,
        ',' or '.' or ' ' or ':' or ';' or 'i' or 'j' or 'l' or '|' or '\'' => 3.9,
        '-' or '(' or ')' or '[' or ']' or '/' or 'f' or 't' or 'r' => 5.1,
        '−' or '+' or '=' or '<' or '>' => 10.1,
        'm' or 'M' or 'W' or 'w' or '%' or '@' => 12.0,
        >= 'A' and <= 'Z' => 9.3,
        _ => 7.7,
    });

    private static string Digits(decimal value) => new('0', Math.Max(1, decimal.Truncate(value).ToString(System.Globalization.CultureInfo.InvariantCulture).Length));
}
