using FlexPower.Core.Common;

namespace FlexPower.Core.Trades;

/// <summary>
/// Position and mark-to-market of a set of trades, from its sums (kWh, and Σ price × kWh in millicents: eurocent/MWh × kWh);
/// the one place of this math, beside <see cref="Pnl"/>. Exact: integers, then decimal; only VWAPs are rounded (to the cent),
/// since a quotient need not end. Decimals come out normalized (57, not 57.000), so an hourly figure prints as it always did.
/// </summary>
public static class Position
{
    public const long KwhPerMwh = 1000;

    /// <summary>The energy 0.1 MW delivers in a quarter-hour.</summary>
    public const long KwhPerTenthQuarter = 25;

    /// <summary>The energy 0.1 MW delivers over a period of whole quarter-hours.</summary>
    public static long KwhPerTenth(TimeSpan period) => KwhPerTenthQuarter * (period.Ticks / BerlinQuarters.Length.Ticks);

    /// <summary>Σ bought − Σ sold: positive is long.</summary>
    public static long NetKwh(long buyKwh, long sellKwh) => buyKwh - sellKwh;

    /// <summary>The part of the energy bought and sold back within one delivery period.</summary>
    public static long MatchedKwh(long buyKwh, long sellKwh) => Math.Min(buyKwh, sellKwh);

    /// <summary>Energy in MWh.</summary>
    public static decimal Mwh(long kwh) => Normalized(kwh / (decimal)KwhPerMwh);

    /// <summary>The average power in MW that delivers <paramref name="kwh"/> in <paramref name="quarters"/> quarter-hours.</summary>
    public static decimal AverageMw(long kwh, int quarters) => Normalized(kwh / (quarters * 250m));

    /// <summary>Volume-weighted average price in EUR/MWh to 2 decimals (millicents per kWh are eurocent per MWh); null without energy on that side.</summary>
    public static decimal? VwapEurMwh(long millicents, long kwh) =>
        kwh == 0 ? null : Math.Round(millicents / (decimal)kwh / 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The open position valued at the reference price R (eurocent/MWh), in millicents: net kWh × R. Cash PnL plus this is
    /// the mark-to-market, Σ sell e·(p−R) + Σ buy e·(R−p).
    /// </summary>
    public static long MarkMillicents(long buyKwh, long sellKwh, long referenceCents) => NetKwh(buyKwh, sellKwh) * referenceCents;

    /// <summary>A decimal without trailing zeros (57 rather than 57.000).</summary>
    public static decimal Normalized(decimal value) => value / 1.0000000000000000000000000000m;
}

/// <summary>
/// The open positions of several delivery hours valued at their reference prices: Σ net kWh × R over the traded quarters
/// that have a price (millicents), how many traded clock hours had one, and how many did not.
/// </summary>
public readonly record struct Marks(long MarkMillicents, int PricedHours, int UnpricedHours)
{
    /// <summary>
    /// MtM in EUR of trades with these cash sums (millicents): cash PnL plus the marked positions, where a traded hour without
    /// a price counts with its cash PnL (<see cref="UnpricedHours"/> says how many did). Null when traded hours had no price at all.
    /// </summary>
    public decimal? MtmEur(long sellMillicents, long buyMillicents) =>
        PricedHours == 0 && UnpricedHours > 0 ? null : Pnl.EurOfMillicents(sellMillicents + MarkMillicents, buyMillicents);

    public static Marks operator +(Marks a, Marks b) => new(a.MarkMillicents + b.MarkMillicents, a.PricedHours + b.PricedHours, a.UnpricedHours + b.UnpricedHours);
}
