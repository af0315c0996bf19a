using System.Text;
using FlexPower.Core.Common;
using FlexPower.Core.Data.TradeWrites;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;

namespace FlexPower.Tests.Unit;

/// <summary>
/// How a checked trade's period spreads over the rows of Berlin delivery days — a row per whole clock hour, a row per other
/// quarter-hour — at 25 kWh per 0.1 MW and quarter, its count on the first row, and how the rows read back per quarter.
/// </summary>
public sealed class AggregateBatchTests
{
    private static void Add(AggregateBatch batch, string startUtc, int minutes, long tenths, long price, TradeDirection direction)
    {
        var start = DateTime.SpecifyKind(DateTime.Parse(startUtc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var trade = new CheckedTrade
        {
            TraderId = "trader_1"u8, DeliveryStartUtc = start, DeliveryEndUtc = start.AddMinutes(minutes), QuantityTenths = tenths, Price = price, Direction = direction,
        };
        batch.Add(trade);
    }

    private static string Row(AggregatePeriod p) => FormattableString.Invariant(
        $"{p.Day:yyyy-MM-dd} {p.Quarter}x{p.Quarters} h{p.DeliveryHour?.ToString() ?? "-"} n{p.Sums.Count} {p.Sums.BuyKwh}/{p.Sums.SellKwh} {p.Sums.BuyMillicents}/{p.Sums.SellMillicents}");

    private static string Row(QuarterSums q) => FormattableString.Invariant(
        $"{q.Quarter} n{q.TradeCount} {q.BuyKwh}/{q.SellKwh} {q.BuyMillicents}/{q.SellMillicents}");

    [Fact]
    public void AQuarterHourTrade_IsARowOfOneQuarter_AnHourlyOneARowOfFour_WithItsWholeEnergy()
    {
        var batch = new AggregateBatch();
        Add(batch, "2025-06-15T12:15:00", 15, 25, 10_000, TradeDirection.Buy);   // 14:15–14:30 Berlin, 2.5 MW at 100.00
        Add(batch, "2025-06-15T13:00:00", 60, 30, 5_000, TradeDirection.Sell);   // 15:00–16:00, 3 MW at 50.00

        Assert.Equal(
        [
            "2025-06-15 57x1 h14 n1 625/0 6250000/0",
            "2025-06-15 60x4 h15 n1 0/3000 0/15000000",
        ], batch.Periods().Select(Row));
        Assert.Equal(["2025-06-15 0x0 h- n2 625/3000 6250000/15000000"], batch.Days().Select(Row));
        Assert.Equal(["57 n1 625/0 6250000/0", "60 n1 0/750 0/3750000", "61 n0 0/750 0/3750000", "62 n0 0/750 0/3750000", "63 n0 0/750 0/3750000"],
            PeriodSums.Spread(batch.Periods().Select(p => p.Period())).Select(Row));
    }

    [Fact]
    public void ABlockAcrossMidnight_AddsToTwoDays_ItsCountToTheDayItStarts()
    {
        var batch = new AggregateBatch();
        Add(batch, "2025-06-15T21:00:00", 120, 10, 5_000, TradeDirection.Sell); // 23:00–01:00 Berlin, 1 MW at 50.00

        Assert.Equal(
        [
            "2025-06-15 92x4 h23 n1 0/1000 0/5000000",
            "2025-06-16 0x4 h0 n0 0/1000 0/5000000",
        ], batch.Periods().Select(Row));
        Assert.Equal(["2025-06-15 0x0 h- n1 0/1000 0/5000000", "2025-06-16 0x0 h- n0 0/1000 0/5000000"], batch.Days().Select(Row));
        Assert.Equal([new DateOnly(2025, 6, 15), new DateOnly(2025, 6, 16)], batch.Changes.DeliveryDays.Order());
    }

    [Fact]
    public void TheClockChangeDays_NumberQuartersInElapsedTime_AndTheRepeatedHourHasNoDeliveryHour()
    {
        var batch = new AggregateBatch();
        Add(batch, "2025-03-30T01:00:00", 30, 10, 5_000, TradeDirection.Buy);  // spring: 03:00–03:30 CEST, two hours after midnight
        Add(batch, "2025-10-26T00:45:00", 15, 10, 7_000, TradeDirection.Buy);  // autumn: the first 02:45–03:00 (CEST)
        Add(batch, "2025-10-26T01:15:00", 15, 10, 9_000, TradeDirection.Sell); // autumn: the repeated 02:15–02:30 (CET)
        Add(batch, "2025-10-26T22:45:00", 15, 10, 100, TradeDirection.Sell);   // autumn: 23:45–24:00, the day's 100th quarter

        Assert.Equal(
        [
            "2025-03-30 8x1 h3 n1 250/0 1250000/0", "2025-03-30 9x1 h3 n0 250/0 1250000/0",
            "2025-10-26 11x1 h2 n1 250/0 1750000/0", "2025-10-26 13x1 h- n1 0/250 0/2250000", "2025-10-26 99x1 h23 n1 0/250 0/25000",
        ], batch.Periods().Select(Row));
    }

    [Fact]
    public void AQuarterInsideAnHourlyTradesHour_HasARowOfItsOwn_AndABlockOffTheHourSpreadsOverSingleQuartersAndWholeHours()
    {
        var batch = new AggregateBatch();
        Add(batch, "2025-06-15T12:00:00", 60, 10, 4_000, TradeDirection.Buy);   // 14:00–15:00 Berlin, 1 MW at 40.00
        Add(batch, "2025-06-15T12:30:00", 15, 20, 8_000, TradeDirection.Sell);  // 14:30–14:45, 2 MW at 80.00
        Add(batch, "2025-06-15T12:45:00", 90, 10, 1_000, TradeDirection.Buy);   // 14:45–16:15, 1 MW at 10.00

        var periods = batch.Periods();
        Assert.Equal(
        [
            "2025-06-15 56x4 h14 n1 1000/0 4000000/0", "2025-06-15 58x1 h14 n1 0/500 0/4000000", "2025-06-15 59x1 h14 n1 250/0 250000/0",
            "2025-06-15 60x4 h15 n0 1000/0 1000000/0", "2025-06-15 64x1 h16 n0 250/0 250000/0",
        ], periods.Select(Row));
        Assert.Equal(5, periods.Count);
        // Per quarter, the rows covering it summed.
        Assert.Equal(
        [
            "56 n1 250/0 1000000/0", "57 n0 250/0 1000000/0", "58 n1 250/500 1000000/4000000", "59 n1 500/0 1250000/0",
            "60 n0 250/0 250000/0", "61 n0 250/0 250000/0", "62 n0 250/0 250000/0", "63 n0 250/0 250000/0", "64 n0 250/0 250000/0",
        ], PeriodSums.Spread(periods.Select(p => p.Period())).Select(Row));
        Assert.Equal(["2025-06-15 0x0 h- n3 2500/500 5500000/4000000"], batch.Days().Select(Row));
    }

    [Fact]
    public void Periods_AreInTheOrderOfTraderIds_NotOfArrival()
    {
        var batch = new AggregateBatch();
        foreach (var trader in new[] { "trader_b", "trader_a" })
            batch.Add(trader, new DateTime(2025, 6, 15, 12, 0, 0, DateTimeKind.Utc), new DateTime(2025, 6, 15, 12, 15, 0, DateTimeKind.Utc), 10, 100, TradeDirection.Buy);

        Assert.Equal(["trader_a", "trader_b"], batch.Periods().Select(q => batch.Traders[q.Trader]));
        Assert.Equal(["trader_a", "trader_b"], batch.Days().Select(d => batch.Traders[d.Trader]));
    }

    [Theory]
    [InlineData("2025-03-30", 92)]
    [InlineData("2025-10-26", 100)]
    [InlineData("2025-06-15", 96)]
    public void DeliveryHourOf_AgreesWithTheTimeZone_OnEveryQuarter(string day, int count)
    {
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(count, BerlinQuarters.CountOf(date));
        foreach (var quarter in Enumerable.Range(0, count))
            Assert.Equal(BerlinQuarters.IsRepeatedHour(date, quarter) ? null : BerlinQuarters.HourOf(date, quarter), BerlinQuarters.DeliveryHourOf(count, quarter));
    }
}

/// <summary>A file's sums worked out on a thread of their own equal the sums of adding its trades one by one.</summary>
public sealed class BackgroundSumsTests
{
    private static IEnumerable<(string, DateOnly, int, int, AggregateSums)> Periods(AggregateBatch batch) =>
        batch.Periods().Select(p => (batch.Traders[p.Trader], p.Day, p.Quarter, p.Quarters, p.Sums));

    private static void AddEach(int count, Action<CheckedTrade> add)
    {
        var start = new DateTime(2025, 6, 14, 22, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var from = start.AddMinutes(15 * (i % 700));
            add(new CheckedTrade
            {
                TraderId = Encoding.UTF8.GetBytes($"trader_{i % 7}"), DeliveryStartUtc = from, DeliveryEndUtc = from.AddMinutes(15 * (1 + i % 6)),
                QuantityTenths = 1 + i % 40, Price = i % 9_000 - 1_000, Direction = i % 3 == 0 ? TradeDirection.Sell : TradeDirection.Buy,
            });
        }
    }

    [Theory]
    [InlineData(10)]      // fewer than a chunk: summed when the write completes, on its thread
    [InlineData(50_000)]  // many chunks: summed on a thread of their own
    public void TheSums_EqualThoseOfAddingEachTradeInline(int trades)
    {
        var inline = new AggregateBatch();
        using var background = new BackgroundSums();
        AddEach(trades, trade => { inline.Add(trade); background.Add(trade); });

        var summed = background.Complete();

        Assert.Equal(Periods(inline), Periods(summed));
        Assert.Equal(inline.Days().Select(d => (inline.Traders[d.Trader], d.Day, d.Sums)), summed.Days().Select(d => (summed.Traders[d.Trader], d.Day, d.Sums)));
        Assert.NotEmpty(Periods(summed));
    }
}
