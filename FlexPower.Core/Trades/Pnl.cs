namespace FlexPower.Core.Trades;

/// <summary>
/// Cash PnL, the one place its formula lives: EUR = (Σ sell price × MWh − Σ buy price × MWh) / 100, price in eurocent/MWh;
/// exact. The aggregates hold it in millicents (eurocent/MWh × kWh), an hourly trade's q·p cents times 1000.
/// </summary>
public static class Pnl
{
    public static decimal Eur(long sellCents, long buyCents) => (sellCents - buyCents) / 100m;

    public static decimal EurOfMillicents(long sellMillicents, long buyMillicents) => (sellMillicents - buyMillicents) / 100_000m;
}
