using Config = Plotly.Blazor.Config;
using Plotly.Blazor.LayoutLib;
using XAxisType = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum;

namespace FlexPower.Web.Components.Shared;

/// <summary>Colours and the common layout of every chart, for the light and the dark theme.</summary>
public static class ChartStyle
{
    public static string Profit(UiTheme theme) => theme.IsDark ? "#81c784" : "#2e7d32";
    public static string Loss(UiTheme theme) => theme.IsDark ? "#ef9a9a" : "#c62828";
    public static string Line(UiTheme theme) => theme.IsDark ? "#90caf9" : "#1565c0";
    public static string Bought(UiTheme theme) => theme.IsDark ? "#64b5f6" : "#1565c0";
    public static string Sold(UiTheme theme) => theme.IsDark ? "#ffb74d" : "#e08e0b";
    public static string Muted(UiTheme theme) => theme.IsDark ? "rgba(255,255,255,0.22)" : "#cfd8dc";
    private static string Text(UiTheme theme) => theme.IsDark ? "rgba(255,255,255,0.86)" : "rgba(0,0,0,0.80)";
    private static string Grid(UiTheme theme) => theme.IsDark ? "rgba(255,255,255,0.12)" : "rgba(0,0,0,0.09)";

    /// <summary>
    /// Transparent paper (the card shows through), themed text and grid, a legend above, thousands separators, margins
    /// that fit the labels (<see cref="ChartMargins"/>).
    /// The x axis is a category axis: labels such as "9 - 10" or "2026-11-03" are names, not values plotly should parse.
    /// </summary>
    public static Plotly.Blazor.Layout Base(UiTheme theme, string yTitle, Margin margin, string? ySuffix = null) => new()
    {
        AutoSize = true,
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Separators = ".,",
        Font = new Font { Color = Text(theme), Family = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif", Size = 12 },
        Margin = margin,
        HoverMode = HoverModeEnum.XUnified,
        // Above the plot, left-aligned: it wraps on a narrow chart without covering the data.
        Legend = [new Legend
        {
            Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, X = 0, XAnchor = Plotly.Blazor.LayoutLib.LegendLib.XAnchorEnum.Left,
            Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom, BgColor = "rgba(0,0,0,0)",
        }],
        XAxis = [new XAxis { Type = XAxisType.Category, GridColor = Grid(theme), LineColor = Grid(theme), AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True }],
        YAxis =
        [
            new YAxis
            {
                GridColor = Grid(theme), ZeroLineColor = Text(theme), ZeroLineWidth = 1, TickSuffix = ySuffix, SeparateThousands = true,
                Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yTitle }, AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
            },
        ],
    };

    /// <summary>No mode bar (it covered the legend on phones; drag still zooms, a double click resets); the chart follows its container's size.</summary>
    public static Config Config { get; } = new()
    {
        Responsive = true,
        DisplayLogo = false,
        DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False,
    };
}
