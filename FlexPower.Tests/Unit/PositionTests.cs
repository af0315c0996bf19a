using FlexPower.Core.Trades;

namespace FlexPower.Tests.Unit;

public sealed class PositionTests
{
    [Fact]
    public void MixedBuysAndSells_NetIsBoughtMinusSold_MatchedIsTheSmallerSide()
    {
        // Bought 10 MWh @ 50.00 and 30 MWh @ 60.00, sold 25 MWh @ 70.00 in one hour: kWh, and millicents = cents/MWh × kWh.
        var (buyKwh, sellKwh, buyMillicents, sellMillicents) = (40_000L, 25_000L, 10_000 * 5000L + 30_000 * 6000L, 25_000 * 7000L);

        Assert.Equal(15_000, Position.NetKwh(buyKwh, sellKwh));
        Assert.Equal(25_000, Position.MatchedKwh(buyKwh, sellKwh));
        Assert.Equal(57.50m, Position.VwapEurMwh(buyMillicents, buyKwh));
        Assert.Equal(70.00m, Position.VwapEurMwh(sellMillicents, sellKwh));
        // MtM at 65.00: 25·(70−65) + 10·(65−50) + 30·(65−60) = 125 + 150 + 150.
        Assert.Equal(425m, Pnl.EurOfMillicents(sellMillicents + Position.MarkMillicents(buyKwh, sellKwh, 6500), buyMillicents));
    }

    [Fact]
    public void EnergyAndAverageMw_AreExactDecimals_WholeNumbersWithoutTrailingZeros()
    {
        Assert.Equal("57", Position.Mwh(57_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.025", Position.Mwh(25).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.1", Position.AverageMw(25, 1).ToString(System.Globalization.CultureInfo.InvariantCulture)); // 0.1 MW for a quarter-hour
        Assert.Equal("57", Position.AverageMw(57_000, 4).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("28.5", Position.AverageMw(28_500, 4).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("-340", Pnl.EurOfMillicents(0, 34_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Vwap_IsNullWithoutEnergy_AndRoundsHalfAwayFromZeroToTheCent()
    {
        Assert.Null(Position.VwapEurMwh(0, 0));
        Assert.Equal(0.78m, Position.VwapEurMwh(57_000 * 78, 57_000));
        Assert.Equal(10.02m, Position.VwapEurMwh(1000 * (1001 + 1002), 2000)); // 1001.5 cents = 10.015 €
        Assert.Equal(-10.02m, Position.VwapEurMwh(1000 * (-1001 - 1002 - 1002 - 1002), 4000)); // -1001.75 cents
    }

    [Fact]
    public void NegativePrices_AndANegativeReference_KeepTheSigns()
    {
        // Bought 10 MWh @ −50.00 (was paid 500 €), reference −20.00: the long 10 MWh is worth −200 €.
        Assert.Equal(-50.00m, Position.VwapEurMwh(10_000 * -5000L, 10_000));
        Assert.Equal(300m, Pnl.EurOfMillicents(Position.MarkMillicents(10_000, 0, -2000), 10_000 * -5000L));
        // Short 5 @ −10.00 against −30.00: 5·(−10 − (−30)) = 100 €.
        Assert.Equal(100m, Pnl.EurOfMillicents(5000 * -1000L + Position.MarkMillicents(0, 5000, -3000), 0));
    }

    [Fact]
    public void Marks_MtmIsCashPlusTheMarkedPositions_AndNullWhenNoTradedHourHadAPrice()
    {
        var marks = new Marks(57_000 * 10_000L, 1, 1);

        // Cash −38.34 €, plus 57 MWh × 100 € for the priced hour; the unpriced hour counts at cash.
        Assert.Equal(5661.66m, marks.MtmEur(18_000 * 34L, 57_000 * 78L));
        Assert.Null(new Marks(0, 0, 1).MtmEur(612_000, 0));
        Assert.Equal(0m, default(Marks).MtmEur(0, 0));
    }
}
