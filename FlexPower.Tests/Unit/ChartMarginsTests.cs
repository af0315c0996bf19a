using FlexPower.Web.Components.Shared;

namespace FlexPower.Tests.Unit;

public sealed class ChartMarginsTests
{
    [Theory]
    [InlineData(new[] { -50.0, 12.0 }, " MW", "−00 MW")]
    [InlineData(new[] { -9_500.0, 48_000.0 }, " €", "−00k €")]
    [InlineData(new[] { 120.0, 950.0 }, null, "0,000")] // 950 padded reaches a 1,000 tick
    [InlineData(new[] { 0.0, 7_000.0 }, null, "0,000")]
    [InlineData(new[] { 0.0, 2_500_000.0 }, " €", "0M €")]
    [InlineData(new[] { 3.0, 85.0 }, null, "00")]
    [InlineData(new[] { 0.5, 2.5 }, null, "0.0")]
    [InlineData(new[] { 0.25 }, null, "0.00")]
    public void WidestTick_IsPlotlysLongestAutomaticLabel_AsDigits(double[] values, string? suffix, string expected) =>
        Assert.Equal(expected, ChartMargins.WidestTick(values.Select(v => (decimal)v), suffix));

    [Fact]
    public void WidestTick_NoValues_IsOneSmallLabel() => Assert.Equal("0.00", ChartMargins.WidestTick([]));

    [Theory]
    // What Chromium measured in DejaVu Sans at 12 px; the estimate may be wider, never narrower, and not by much.
    [InlineData("−50 MW", 51.4)]
    [InlineData("−10k €", 43.7)]
    [InlineData("1,000", 34.4)]
    [InlineData("10 - 11", 42.5)]
    [InlineData("11 Nov", 42.5)]
    [InlineData("gasfiredsomewhatsmaller", 154.9)]
    public void TextWidth_CoversTheBrowsersWidth_WithinTenPercent(string text, double measured)
    {
        var estimate = ChartMargins.TextWidth(text);
        Assert.InRange(estimate, measured, measured * 1.1);
    }

    [Fact]
    public void Bottom_FewShortLabels_StayFlat() =>
        Assert.Equal(40, ChartMargins.Bottom(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]));

    [Fact]
    public void Bottom_ADaysHours_TurnUpright_AndGetTheWidestLabelsRoom()
    {
        var hours = Enumerable.Range(0, 24).Select(h => $"{h} - {h + 1}").ToList();
        Assert.Equal((int)Math.Ceiling(ChartMargins.TextWidth("10 - 11")) + 21, ChartMargins.Bottom(hours));
    }

    [Fact]
    public void Bottom_AnAxisTitle_AddsItsRoom_FlatOrUpright()
    {
        Assert.Equal(46, ChartMargins.Bottom([], titled: true));
        string[] ticks = ["000", "000", "000", "000", "000"];
        Assert.Equal(40, ChartMargins.Bottom(ticks, narrowestPlot: 250));
        Assert.Equal(24 + 21 + 14, ChartMargins.Bottom(ticks, titled: true, narrowestPlot: 100));
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(1, 46)]
    [InlineData(2, 64)]
    public void For_EachLegendRow_AddsRoomAbove(int rows, int top) =>
        Assert.Equal(top, (int)ChartMargins.For("000", rows, bottom: 40).T!.Value);

    [Fact]
    public void For_LeftMargin_IsTheWidestLabelAndTheAxisTitle()
    {
        var margin = ChartMargins.For("−00 MW", legendRows: 0, bottom: 65);
        Assert.Equal((int)Math.Ceiling(ChartMargins.TextWidth("−00 MW")) + 28, (int)margin.L!.Value);
        Assert.Equal(65, (int)margin.B!.Value);
        Assert.Equal(ChartMargins.Right, (int)margin.R!.Value);
    }
}
