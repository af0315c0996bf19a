namespace FlexPower.Core.Trades;

/// <summary>Cash PnL, the one place its formula lives: EUR = (Σ sell q×p − Σ buy q×p) / 100, p in eurocent/MWh; exact.</summary>
public static class Pnl
{
    public static decimal Eur(long sellCents, long buyCents) => (sellCents - buyCents) / 100m;
}
