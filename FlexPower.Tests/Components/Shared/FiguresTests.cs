using FlexPower.Web.Components.Shared;

namespace FlexPower.Tests.Components.Shared;

public sealed class FiguresTests
{
    [Theory]
    [InlineData("34481", "+34,481.00 €")]
    [InlineData("-4446", "-4,446.00 €")]
    [InlineData("0", "0.00 €")]
    [InlineData("-0.5", "-0.50 €")]
    [InlineData("1234567.891", "+1,234,567.89 €")]
    public void Pnl_HasThousandsSeparatorsCentsAndASign(string eur, string expected) =>
        Assert.Equal(expected, Figures.Pnl(decimal.Parse(eur, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Eur_IsUnsignedForAmountsThatAreNotAProfitOrLoss() => Assert.Equal("34,481.00 €", Figures.Eur(34481m));

    [Theory]
    [InlineData(1, "fp-profit")]
    [InlineData(-1, "fp-loss")]
    [InlineData(0, "")]
    public void SignClass_ColoursByTheSign(int eur, string expected) => Assert.Equal(expected, Figures.SignClass(eur));

    [Fact]
    public void Quantities_AndCounts_HaveThousandsSeparators()
    {
        Assert.Equal("2,820 MW", Figures.Mw(2820L));
        Assert.Equal("1,257.6 MW", Figures.Mw(1257.6m));
        Assert.Equal("12,345", Figures.Count(12345));
    }

    [Fact]
    public void Prices_AreConvertedFromEurocentPerMwh() => Assert.Equal("-1,234.56", Figures.EurPerMwh(-123456));

    [Fact]
    public void UtcTimes_ReadAsTheIsoDayAndTheClock()
    {
        Assert.Equal("2026-11-30 09:05", Figures.Time(new DateTime(2026, 11, 30, 9, 5, 42, DateTimeKind.Utc)));
        Assert.Equal("2026-11-30 09:05:42", Figures.TimeWithSeconds(new DateTime(2026, 11, 30, 9, 5, 42, DateTimeKind.Utc)));
    }

    [Fact]
    public void PnlPoints_CarryTheRunningTotal() =>
        Assert.Equal([5m, 2m, 12m], PnlPoint.Accumulate([("a", 5m), ("b", -3m), ("c", 10m)]).Select(p => p.Cumulative));
}
