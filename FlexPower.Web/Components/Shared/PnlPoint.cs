namespace FlexPower.Web.Components.Shared;

/// <summary>One bar of a PnL chart: profit and loss split so each can take its colour, plus the running total.</summary>
public sealed record PnlPoint(string Label, double Profit, double Loss, double Cumulative)
{
    public PnlPoint(string label, decimal pnl, decimal cumulative)
        : this(label, pnl > 0 ? (double)pnl : 0, pnl < 0 ? (double)pnl : 0, (double)cumulative) { }
}
