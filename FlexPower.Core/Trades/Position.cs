namespace FlexPower.Core.Trades;

/// <summary>
/// Position and mark-to-market of a set of trades, from its sums (MW, and Σ quantity × price in eurocent/MWh × MW); the one
/// place of this math, beside <see cref="Pnl"/>. Exact: integers, then decimal; only VWAPs are rounded (to the cent), since a
/// quotient need not end.
/// </summary>
public static class Position
{
    /// <summary>Σ bought − Σ sold: positive is long.</summary>
    public static long NetMw(long buyMw, long sellMw) => buyMw - sellMw;

    /// <summary>The part of the volume bought and sold back within the set.</summary>
    public static long MatchedMw(long buyMw, long sellMw) => Math.Min(buyMw, sellMw);

    public static long OpenMw(long buyMw, long sellMw) => Math.Abs(buyMw - sellMw);

    /// <summary>Volume-weighted average price in EUR/MWh to 2 decimals; null without volume on that side.</summary>
    public static decimal? VwapEurMwh(long cents, long mw) =>
        mw == 0 ? null : Math.Round(cents / (decimal)mw / 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The open position valued at the reference price R (eurocent/MWh), in eurocent: net × R. Cash PnL plus this is the
    /// mark-to-market, Σ sell q·(p−R) + Σ buy q·(R−p).
    /// </summary>
    public static long MarkCents(long buyMw, long sellMw, long referenceCents) => NetMw(buyMw, sellMw) * referenceCents;

    /// <summary>Mark-to-market in EUR against a reference price (eurocent/MWh); null without one.</summary>
    public static decimal? MtmEur(long buyMw, long sellMw, long buyCents, long sellCents, long? referenceCents) =>
        referenceCents is { } r ? Pnl.Eur(sellCents + MarkCents(buyMw, sellMw, r), buyCents) : null;

    /// <summary>The value a loss limit is held against: MtM where the hour has a reference price, cash PnL where it has none.</summary>
    public static long ResultCents(long buyMw, long sellMw, long buyCents, long sellCents, long? referenceCents) =>
        sellCents - buyCents + (referenceCents is { } r ? MarkCents(buyMw, sellMw, r) : 0);
}

/// <summary>
/// The open positions of several delivery hours valued at their reference prices: Σ net × R over the traded hours that have a
/// price (eurocent), how many traded hours had one, and how many did not.
/// </summary>
public readonly record struct Marks(long MarkCents, int PricedHours, int UnpricedHours)
{
    /// <summary>
    /// MtM in EUR of trades with these cash sums: cash PnL plus the marked positions, where a traded hour without a price counts
    /// with its cash PnL (<see cref="UnpricedHours"/> says how many did). Null when traded hours had no price at all.
    /// </summary>
    public decimal? MtmEur(long sellCents, long buyCents) =>
        PricedHours == 0 && UnpricedHours > 0 ? null : Pnl.Eur(sellCents + MarkCents, buyCents);

    /// <summary>One delivery hour: marked when it has a reference price; counted only when it was traded.</summary>
    public static Marks OfHour(int tradeCount, long buyMw, long sellMw, long? referenceCents) =>
        tradeCount == 0 ? default
        : referenceCents is { } r ? new Marks(Position.MarkCents(buyMw, sellMw, r), 1, 0)
        : new Marks(0, 0, 1);

    public static Marks operator +(Marks a, Marks b) => new(a.MarkCents + b.MarkCents, a.PricedHours + b.PricedHours, a.UnpricedHours + b.UnpricedHours);
}
