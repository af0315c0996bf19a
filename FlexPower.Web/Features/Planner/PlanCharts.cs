using FlexPower.Core.Planning;
using FlexPower.Web.Components.Shared;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace FlexPower.Web.Features.Planner;

/// <summary>The planner's two charts as plotly traces: the merit order (capacity by rising cost, with the load) and output per plant.</summary>
public static class PlanCharts
{
    private const int NarrowestChart = 298;

    public static (IList<ITrace> Data, Plotly.Blazor.Layout Layout) MeritOrder(ProductionPlan plan, decimal load, UiTheme theme)
    {
        // A step line: each running plant's available capacity at its cost per MWh, in merit order.
        var xs = new List<object>();
        var ys = new List<object>();
        var capacity = 0m;
        foreach (var plant in plan.Outputs.Where(o => o.AvailableMw > 0))
        {
            xs.Add(capacity);
            ys.Add(plant.CostPerMwh);
            capacity += plant.AvailableMw;
            xs.Add(capacity);
            ys.Add(plant.CostPerMwh);
        }
        var top = ys.Count == 0 ? 1m : ys.Cast<decimal>().Max() * 1.1m;
        IList<ITrace> data =
        [
            new Scatter
            {
                Name = "Cost of the next MW [€/MWh]", X = xs, Y = ys, Fill = Plotly.Blazor.Traces.ScatterLib.FillEnum.ToZeroY,
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines, Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = ChartStyle.Line(theme), Width = 2 },
                HoverTemplate = "%{y:,.2f} €/MWh at %{x:,.1f} MW",
            },
            new Scatter
            {
                Name = $"Load {load:N1} MW", X = [load, load], Y = [0m, top], Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines,
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = ChartStyle.Loss(theme), Width = 3, Dash = "dash" }, HoverTemplate = "load %{x:,.1f} MW",
            },
        ];
        // The legend's two long names take two rows on the planner's narrow charts; the MW ticks stay flat.
        var layout = ChartStyle.Base(theme, "€/MWh", ChartMargins.For(ChartMargins.WidestTick(ys.Cast<decimal>().Append(top)), legendRows: 2, ChartMargins.Bottom([], titled: true)));
        layout.XAxis[0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear;
        layout.XAxis[0].Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "MW" };
        layout.HoverMode = Plotly.Blazor.LayoutLib.HoverModeEnum.Closest;
        return (data, layout);
    }

    public static (IList<ITrace> Data, Plotly.Blazor.Layout Layout) OutputPerPlant(ProductionPlan plan, UiTheme theme)
    {
        var names = plan.Outputs.Select(o => (object)o.Name).ToList();
        IList<ITrace> data =
        [
            new Bar { Name = "Available", Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H, Y = names, X = plan.Outputs.Select(o => (object)o.AvailableMw).ToList(),
                      Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = ChartStyle.Muted(theme) }, HoverTemplate = "%{x:,.1f} MW available" },
            new Bar { Name = "Planned", Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H, Y = names, X = plan.Outputs.Select(o => (object)o.P).ToList(),
                      Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = ChartStyle.Profit(theme) }, HoverTemplate = "%{x:,.1f} MW planned" },
        ];
        // The plot is what the names leave of the narrowest chart (the planner's third of a desktop screen, ~300 px): its
        // five MW ticks may have to turn upright there, and the two legend entries take two rows.
        var widestName = plan.Outputs.Select(o => o.Name).DefaultIfEmpty("").MaxBy(ChartMargins.TextWidth)!;
        var ticks = Enumerable.Repeat(ChartMargins.WidestTick(plan.Outputs.Select(o => o.AvailableMw)), 5).ToList();
        var plot = NarrowestChart - ChartMargins.Left(widestName) - ChartMargins.Right;
        var layout = ChartStyle.Base(theme, "", ChartMargins.For(widestName, legendRows: 2, ChartMargins.Bottom(ticks, titled: true, plot)));
        // Names run down the y axis (a category axis, in merit order from the top); MW along x.
        layout.XAxis[0].Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear;
        layout.XAxis[0].Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "MW" };
        layout.XAxis[0].NTicks = 5;
        layout.YAxis[0].Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category;
        layout.YAxis[0].AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed;
        layout.BarMode = Plotly.Blazor.LayoutLib.BarModeEnum.Overlay;
        layout.HoverMode = Plotly.Blazor.LayoutLib.HoverModeEnum.YUnified;
        return (data, layout);
    }
}
