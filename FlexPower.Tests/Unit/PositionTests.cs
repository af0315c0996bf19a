using FlexPower.Core.Trades;

namespace FlexPower.Tests.Unit;

public sealed class PositionTests
{
    [Fact]
    public void MixedBuysAndSells_NetIsBoughtMinusSold_MatchedIsTheSmallerSide()
    {
        // Bought 10 @ 50.00 and 30 @ 60.00, sold 25 @ 70.00 in one hour.
        var (buyMw, sellMw, buyCents, sellCents) = (40L, 25L, 10 * 5000L + 30 * 6000L, 25 * 7000L);

        Assert.Equal(15, Position.NetMw(buyMw, sellMw));
        Assert.Equal(25, Position.MatchedMw(buyMw, sellMw));
        Assert.Equal(15, Position.OpenMw(buyMw, sellMw));
        Assert.Equal(57.50m, Position.VwapEurMwh(buyCents, buyMw));
        Assert.Equal(70.00m, Position.VwapEurMwh(sellCents, sellMw));
        // MtM at 65.00: 25·(70−65) + 10·(65−50) + 30·(65−60) = 125 + 150 + 150.
        Assert.Equal(425.00m, Position.MtmEur(buyMw, sellMw, buyCents, sellCents, 6500));
        Assert.Equal(Pnl.Eur(sellCents, buyCents) + 15 * 65.00m, Position.MtmEur(buyMw, sellMw, buyCents, sellCents, 6500));
    }

    [Fact]
    public void Vwap_IsNullWithoutVolume_AndRoundsHalfAwayFromZeroToTheCent()
    {
        Assert.Null(Position.VwapEurMwh(0, 0));
        Assert.Equal(0.78m, Position.VwapEurMwh(57 * 78, 57));
        Assert.Equal(10.02m, Position.VwapEurMwh(1001 + 1002, 2)); // 1001.5 cents = 10.015 €
        Assert.Equal(-10.02m, Position.VwapEurMwh(-1001 - 1002 - 1002 - 1002, 4)); // -1001.75 cents
    }

    [Fact]
    public void NegativePrices_AndANegativeReference_KeepTheSigns()
    {
        // Bought 10 @ −50.00 (was paid 500 €), reference −20.00: the long 10 MW is worth −200 €.
        Assert.Equal(-50.00m, Position.VwapEurMwh(10 * -5000, 10));
        Assert.Equal(300.00m, Position.MtmEur(10, 0, 10 * -5000, 0, -2000));
        // Short 5 @ −10.00 against −30.00: 5·(−10 − (−30)) = 100 €.
        Assert.Equal(100.00m, Position.MtmEur(0, 5, 0, 5 * -1000, -3000));
    }

    [Fact]
    public void MtmWithoutReference_IsNull_AndTheLimitValueFallsBackToCash()
    {
        Assert.Null(Position.MtmEur(10, 0, 1000, 0, null));
        Assert.Equal(-1000, Position.ResultCents(10, 0, 1000, 0, null));
        Assert.Equal(-1000 + 10 * 300, Position.ResultCents(10, 0, 1000, 0, 300));
    }

    [Fact]
    public void Marks_CountTradedHoursWithAndWithoutAPrice_AndIgnoreUntradedOnes()
    {
        var marks = Marks.OfHour(1, 57, 0, 10_000) + Marks.OfHour(1, 0, 18, null) + Marks.OfHour(0, 0, 0, 9_000);

        Assert.Equal(new Marks(57 * 10_000, 1, 1), marks);
        // Cash −38.34 €, plus 57 × 100 € for the priced hour; the unpriced hour counts at cash.
        Assert.Equal(5661.66m, marks.MtmEur(18 * 34, 57 * 78));
        Assert.Null((Marks.OfHour(1, 0, 18, null)).MtmEur(612, 0));
        Assert.Equal(0m, default(Marks).MtmEur(0, 0));
    }
}
