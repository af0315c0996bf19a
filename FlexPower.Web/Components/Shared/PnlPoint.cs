namespace FlexPower.Web.Components.Shared;

/// <summary>One bar of a PnL chart (coloured by its sign) and the running total drawn as a line.</summary>
public sealed record PnlPoint(string Label, decimal Pnl, decimal Cumulative)
{
    /// <summary>Points with the running total over a sequence of (label, PnL), in order.</summary>
    public static IReadOnlyList<PnlPoint> Accumulate(IEnumerable<(string Label, decimal Pnl)> values)
    {
        var cumulative = 0m;
        return values.Select(v => new PnlPoint(v.Label, v.Pnl, cumulative += v.Pnl)).ToList();
    }
}
