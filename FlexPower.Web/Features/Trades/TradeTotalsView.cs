using FlexPower.Core.Trades;
using FlexPower.Web.Components.Shared;

namespace FlexPower.Web.Features.Trades;

/// <summary>The money tile of the trades page: a PnL only when both directions are in the set.</summary>
public static class TradeTotalsView
{
    public sealed record Tile(string Title, string Value, string? ValueClass);

    // With one direction filtered out, (sell − buy) is what was received or paid, not a profit or a loss.
    public static Tile Money(TradeTotals totals, TradeDirection? direction) => direction switch
    {
        TradeDirection.Sell => new("Sell value", Figures.Eur(totals.PnlEur), null),
        TradeDirection.Buy => new("Buy cost", Figures.Eur(-totals.PnlEur), null),
        _ => new("PnL", Figures.Pnl(totals.PnlEur), Figures.SignClass(totals.PnlEur)),
    };

    /// <summary>A trade's cash flow in EUR, price × MWh delivered (MW × the period's hours): received for a sale, paid (negative) for a purchase.</summary>
    public static decimal Cash(Trade trade) =>
        (trade.Direction == TradeDirection.Sell ? 1 : -1) * trade.QuantityTenths * (long)trade.Length.TotalMinutes * trade.Price / 60_000m;
}
