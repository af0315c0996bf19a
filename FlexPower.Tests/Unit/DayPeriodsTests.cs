using FlexPower.Core.Data.TradeWrites;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Unit;

/// <summary>
/// A day's report at PT15M, PT30M and PT60M from its quarter-hour sums, against figures worked out by hand (kWh; millicents =
/// eurocent/MWh × kWh): an ordinary day, both clock-change days, and a block across midnight.
/// </summary>
public sealed class DayPeriodsTests
{
    private static readonly IReadOnlyDictionary<int, long> NoPrices = new Dictionary<int, long>();

    private static DayReport Report(string day, Resolution resolution, IReadOnlyDictionary<int, long> prices, params QuarterSums[] quarters) =>
        DayPeriods.Of("trader_1", DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), "day-ahead", resolution, quarters,
            HourPrices.Of(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), prices));

    // 2025-06-15, hour 14 priced at 70.00: 14:00–14:15 bought 10 MW at 80.00; 14:15–14:30 sold 5 MW at 90.00; 14:45–15:00 bought 0.1 MW at 100.00.
    private static readonly QuarterSums[] Ordinary =
    [
        new(56, 1, 2_500, 0, 2_500 * 8_000L, 0), new(57, 1, 0, 1_250, 0, 1_250 * 9_000L), new(59, 1, 25, 0, 25 * 10_000L, 0),
    ];

    private static readonly Dictionary<int, long> Hour14At70 = new() { [14] = 7_000 };

    [Fact]
    public void OrdinaryDay_AtPT15M_EachQuarterHasItsOwnMwPnlVwapAndMtm()
    {
        var report = Report("2025-06-15", Resolution.PT15M, Hour14At70, Ordinary);

        Assert.Equal(96, report.Hours.Count);
        Assert.Equal("PT15M", report.Resolution);
        var (q56, q57, q58, q59) = (report.Hours[56], report.Hours[57], report.Hours[58], report.Hours[59]);
        // 2.5 MWh in a quarter is 10 MW; cash −2.5 × 80 = −200; MtM −200 + 2.5 × 70 = −25.
        Assert.Equal((14, "14:00–14:15", 10m, 10m, -200m, 80.00m, 70.00m, -25m, 2.5m), (q56.Hour, q56.Label, q56.BuyMw, q56.NetMw, q56.PnlEur, q56.BuyVwapEurMwh, q56.RefPriceEurMwh, q56.MtmEur, q56.BuyMwh));
        Assert.Equal((5m, -5m, 112.5m, 90.00m, 25m, -1.25m), (q57.SellMw, q57.NetMw, q57.PnlEur, q57.SellVwapEurMwh, q57.MtmEur, q57.NetMwh));
        Assert.Equal((0, 0m, 0m), (q58.TradeCount, q58.PnlEur, q58.MtmEur!.Value));
        // 0.1 MW for a quarter: 0.025 MWh, −2.50 cash, −2.50 + 0.025 × 70 = −0.75.
        Assert.Equal((0.1m, -2.5m, -0.75m, 0.025m), (q59.BuyMw, q59.PnlEur, q59.MtmEur, q59.BuyMwh));
        Assert.Equal((new DateTime(2025, 6, 15, 12, 0, 0, DateTimeKind.Utc), new DateTime(2025, 6, 15, 12, 15, 0, DateTimeKind.Utc)), (q56.Start, q56.End));
        Assert.Null(report.Hours[60].RefPriceEurMwh);
    }

    [Fact]
    public void OrdinaryDay_AtPT30MAndPT60M_MwAreAveraged_MatchedIsPerQuarter_VwapsEnergyWeighted()
    {
        var half = Report("2025-06-15", Resolution.PT30M, Hour14At70, Ordinary);
        Assert.Equal(48, half.Hours.Count);
        var h28 = half.Hours[28];
        // 2.5 MWh bought and 1.25 MWh sold in half an hour: 5 and 2.5 MW; nothing matched (different quarters); MtM −87.5 + 1.25 × 70 = 0.
        Assert.Equal(("14:00–14:30", 2, 5m, 2.5m, 2.5m, 0m, -87.5m, 80.00m, 90.00m, 0m), (h28.Label, h28.TradeCount, h28.BuyMw, h28.SellMw, h28.NetMw, h28.MatchedMw, h28.PnlEur, h28.BuyVwapEurMwh, h28.SellVwapEurMwh, h28.MtmEur));
        Assert.Equal((0.05m, -0.75m), (half.Hours[29].BuyMw, half.Hours[29].MtmEur));

        var hourly = Report("2025-06-15", Resolution.PT60M, Hour14At70, Ordinary);
        Assert.Equal(24, hourly.Hours.Count);
        var h14 = hourly.Hours[14];
        // 2.525 MWh bought for 202.50 € (VWAP 80.198… → 80.20), 1.25 MWh sold for 112.50 €; MtM −90 + 1.275 × 70 = −0.75.
        Assert.Equal((3, 2.525m, 1.25m, 1.275m, -90m, 80.20m, 90.00m, -0.75m), (h14.TradeCount, h14.BuyMw, h14.SellMw, h14.NetMw, h14.PnlEur, h14.BuyVwapEurMwh, h14.SellVwapEurMwh, h14.MtmEur));
        Assert.Equal("14:00–15:00", h14.Label);
    }

    [Fact]
    public void Totals_AreTheSameAtEveryResolution()
    {
        var totals = new[] { Resolution.PT15M, Resolution.PT30M, Resolution.PT60M }.Select(r => Report("2025-06-15", r, Hour14At70, Ordinary).Total).Distinct().ToList();

        var total = Assert.Single(totals);
        Assert.Equal(new DayTotal(3, 2.525m, 1.25m, -90m, 1.275m, 0m, 80.20m, 90.00m, -0.75m, 0), total);
        Assert.Equal(-90m, Report("2025-06-15", Resolution.PT15M, Hour14At70, Ordinary).Hours.Sum(h => h.PnlEur));
    }

    // Hour 14 of 2025-06-15 priced per quarter: 14:00 at 60.00, 14:15 at 80.00, 14:30 none, 14:45 at 100.00.
    private static long?[] QuarterPricedHour14()
    {
        var prices = new long?[96];
        (prices[56], prices[57], prices[59]) = (6_000, 8_000, 10_000);
        return prices;
    }

    [Fact]
    public void QuarterPrices_MarkEachQuarterAtItsOwnPrice_AtEveryResolution()
    {
        var day = new DateOnly(2025, 6, 15);
        DayReport At(Resolution r) => DayPeriods.Of("trader_1", day, "day-ahead", r, Ordinary, QuarterPricedHour14());

        var quarters = At(Resolution.PT15M).Hours;
        // 14:00 bought 2.5 MWh for 200 €, marked 2.5 × 60 = 150 → −50; 14:15 sold 1.25 MWh for 112.50, marked −1.25 × 80 → +12.50;
        // 14:30 has no price; 14:45 bought 0.025 MWh for 2.50, marked 0.025 × 100 → 0.
        Assert.Equal([(60.00m, -50m), (80.00m, 12.5m), (null, null), (100.00m, 0m)], quarters.Skip(56).Take(4).Select(h => (h.RefPriceEurMwh, h.MtmEur)));
        var halves = At(Resolution.PT30M).Hours;
        // 14:00–14:30: cash −87.50 + 150 − 100 = −37.50, shown at the quarters' mean 70.00; 14:30–15:00: −2.50 + 2.50, no price shown (14:30 has none).
        Assert.Equal([(70.00m, -37.5m), (null, 0m)], halves.Skip(28).Take(2).Select(h => (h.RefPriceEurMwh, h.MtmEur)));
        var hour = At(Resolution.PT60M).Hours[14];
        Assert.Equal(((decimal?)null, -37.5m), (hour.RefPriceEurMwh, hour.MtmEur));
        // Every traded quarter has a price, so no hour is without one; the totals are the same at every resolution.
        var totals = new[] { Resolution.PT15M, Resolution.PT30M, Resolution.PT60M }.Select(r => At(r).Total).Distinct();
        Assert.Equal((-90m, -37.5m, 0), Assert.Single(totals) is var t ? (t.PnlEur, t.MtmEur, t.HoursWithoutPrice) : default);
    }

    [Fact]
    public void QuarterPrices_AHourWithATradedQuarterWithoutAPrice_CountsAsWithoutPrice_ThatQuarterAtItsCash()
    {
        var prices = QuarterPricedHour14();
        prices[59] = null;

        var total = DayPeriods.Of("trader_1", new DateOnly(2025, 6, 15), "day-ahead", Resolution.PT60M, Ordinary, prices).Total;

        // −90 cash + 150 − 100 for the priced quarters; the 0.025 MWh of 14:45 at their cash.
        Assert.Equal((-40m, 1), (total.MtmEur, total.HoursWithoutPrice));
    }

    [Fact]
    public void AnHourlyPrice_AppliesToEachQuarterInIt_AsTheHourlyReportDid()
    {
        var hourly = Report("2025-06-15", Resolution.PT15M, Hour14At70, Ordinary);
        var quarters = new long?[96];
        quarters.AsSpan(56, 4).Fill(7_000);

        var asQuarters = DayPeriods.Of("trader_1", new DateOnly(2025, 6, 15), "day-ahead", Resolution.PT15M, Ordinary, quarters);

        Assert.Equal(hourly.Hours, asQuarters.Hours);
        Assert.Equal(hourly.Total, asQuarters.Total);
    }

    // 2025-10-26, hour 2 (the first 02:00) priced at 79.45: the first 02:00–02:15 bought 10 MW at 70.00, the repeated one sold 4 MW at 90.00.
    private static readonly QuarterSums[] Autumn = [new(8, 1, 2_500, 0, 2_500 * 7_000L, 0), new(12, 1, 0, 1_000, 0, 1_000 * 9_000L)];
    private static readonly Dictionary<int, long> Hour2At7945 = new() { [2] = 7_945 };

    [Theory]
    [InlineData(Resolution.PT15M, 100, 8, 12, "02:00–02:15")]
    [InlineData(Resolution.PT30M, 50, 4, 6, "02:00–02:30")]
    [InlineData(Resolution.PT60M, 25, 2, 3, "02:00–03:00")]
    public void AutumnDay_HasBothTwoOClockHours_TheRepeatedOneToldApartAndWithoutAPrice(Resolution resolution, int periods, int first, int repeated, string label)
    {
        var report = Report("2025-10-26", resolution, Hour2At7945, Autumn);

        Assert.Equal(periods, report.Hours.Count);
        var (one, two) = (report.Hours[first], report.Hours[repeated]);
        // First 02:00: cash −175, marked 2.5 MWh × 79.45 = 198.625 → +23.625. Repeated: cash +90, no price.
        Assert.Equal((2, label, -175m, 79.45m, 23.625m), (one.Hour, one.Label, one.PnlEur, one.RefPriceEurMwh, one.MtmEur));
        Assert.Equal((2, label + " (2)", 90m, (decimal?)null, (decimal?)null), (two.Hour, two.Label, two.PnlEur, two.RefPriceEurMwh, two.MtmEur));
        Assert.Equal(new DateTime(2025, 10, 26, 1, 0, 0, DateTimeKind.Utc), two.Start);
        // The day: cash −85; MtM −85 + 198.625 = 113.625, the repeated hour at cash; one traded hour without a price.
        Assert.Equal((-85m, 113.625m, 1, 1.5m), (report.Total.PnlEur, report.Total.MtmEur, report.Total.HoursWithoutPrice, report.Total.NetMw));
        Assert.Equal("2 - 3 (2)", two.DeskLabel("PT60M"));
    }

    [Theory]
    [InlineData(Resolution.PT15M, 92, 8, "03:00–03:15", 1)]
    [InlineData(Resolution.PT30M, 46, 4, "03:00–03:30", 0.5)]
    [InlineData(Resolution.PT60M, 23, 2, "03:00–04:00", 0.25)]
    public void SpringDay_HasNo2OClock_AndItsThirdHourStartsTwoHoursAfterMidnight(Resolution resolution, int periods, int index, string label, double buyMw)
    {
        // 03:00–03:15 CEST bought 1 MW at 50.00; hour 3 priced at 60.00: cash −12.50, MtM −12.50 + 0.25 × 60 = +2.50.
        var report = Report("2025-03-30", resolution, new Dictionary<int, long> { [3] = 6_000 }, new QuarterSums(8, 1, 250, 0, 250 * 5_000L, 0));

        Assert.Equal(periods, report.Hours.Count);
        Assert.DoesNotContain(report.Hours, h => h.Hour == 2);
        var row = report.Hours[index];
        Assert.Equal((3, label, (decimal)buyMw, -12.5m, 2.5m), (row.Hour, row.Label, row.BuyMw, row.PnlEur, row.MtmEur));
        Assert.Equal(new DateTime(2025, 3, 30, 1, 0, 0, DateTimeKind.Utc), row.Start);
        Assert.Equal((-12.5m, 2.5m, 0.25m), (report.Total.PnlEur, report.Total.MtmEur, report.Total.BuyMw));
        Assert.Equal(resolution == Resolution.PT15M ? "01:45–02:00" : resolution == Resolution.PT30M ? "01:30–02:00" : "01:00–02:00", report.Hours[index - 1].Label);
    }

    [Theory]
    [InlineData(Resolution.PT15M)]
    [InlineData(Resolution.PT30M)]
    [InlineData(Resolution.PT60M)]
    public void ABlockAcrossMidnight_ShowsOnBothDays_ItsCountOnTheFirst(Resolution resolution)
    {
        // 23:00–01:00 Berlin, sold 1 MW at 50.00, through the write path's batch: 1 MWh and 50 € on each day.
        var batch = new AggregateBatch();
        var start = new DateTime(2025, 6, 15, 21, 0, 0, DateTimeKind.Utc);
        batch.Add(new CheckedTrade { TraderId = "trader_1"u8, DeliveryStartUtc = start, DeliveryEndUtc = start.AddHours(2), QuantityTenths = 10, Price = 5_000, Direction = TradeDirection.Sell });
        List<QuarterSums> Of(DateOnly day) => PeriodSums.Spread(batch.Periods().Where(p => p.Day == day).Select(p => p.Period()));
        var prices = new Dictionary<int, long> { [0] = 4_000, [23] = 6_000 };

        var first = DayPeriods.Of("trader_1", new DateOnly(2025, 6, 15), "day-ahead", resolution, Of(new DateOnly(2025, 6, 15)), HourPrices.Of(new DateOnly(2025, 6, 15), prices));
        var second = DayPeriods.Of("trader_1", new DateOnly(2025, 6, 16), "day-ahead", resolution, Of(new DateOnly(2025, 6, 16)), HourPrices.Of(new DateOnly(2025, 6, 16), prices));

        var size = (int)resolution;
        Assert.Equal(1, first.Hours[92 / size].TradeCount);
        Assert.Equal(0, second.Hours[0].TradeCount);
        Assert.Equal((-1m, 1m, 50m), (first.Hours[^1].NetMw, first.Hours[^1].SellMw, first.Hours.Sum(h => h.PnlEur)));
        Assert.Equal("24:00", first.Hours[^1].Label[^5..]);
        // Short 1 MWh marked at 60.00 on the first day (MtM 50 − 60 = −10), at 40.00 on the second (50 − 40 = +10).
        Assert.Equal((1, 1m, -1m, 50m, -10m), (first.Total.TradeCount, first.Total.SellMw, first.Total.NetMw, first.Total.PnlEur, first.Total.MtmEur));
        Assert.Equal((0, 1m, -1m, 50m, 10m), (second.Total.TradeCount, second.Total.SellMw, second.Total.NetMw, second.Total.PnlEur, second.Total.MtmEur));
    }

    [Fact]
    public void AnEmptyDay_HasEveryPeriodAtZero_AndNoMtmWithoutPrices()
    {
        var report = Report("2025-06-15", Resolution.PT15M, NoPrices);

        Assert.All(report.Hours, h => Assert.True(h.IsEmpty() && h.MtmEur is null && h.PnlEur == 0m));
        Assert.Equal(new DayTotal(0, 0m, 0m, 0m, 0m, 0m, null, null, 0m, 0), report.Total);
    }

    [Fact]
    public void WithoutAResolution_TheReportIsAtTheFinestTheTradesNeed()
    {
        QuarterSums Hourly(int q) => new(q, q % 4 == 0 ? 1 : 0, 250, 0, 250 * 5_000L, 0);
        QuarterSums[] hourly = [.. Enumerable.Range(36, 4).Select(Hourly)];
        QuarterSums[] halfHourly = [.. hourly, new(44, 1, 125, 0, 125 * 5_000L, 0), new(45, 0, 125, 0, 125 * 5_000L, 0)];
        QuarterSums[] quarterly = [.. hourly, new(50, 1, 0, 25, 0, 25 * 100L)];
        // A second trade starting in an hour's later quarter needs quarters even when the energy would look even.
        QuarterSums[] startsLate = [.. Enumerable.Range(36, 4).Select(q => new QuarterSums(q, q == 38 ? 1 : q == 36 ? 1 : 0, 250, 0, 250 * 5_000L, 0))];

        Assert.Equal("PT60M", DayPeriods.Of(null, new DateOnly(2025, 6, 15), "day-ahead", null, [], new long?[96]).Resolution);
        Assert.Equal("PT60M", DayPeriods.Of(null, new DateOnly(2025, 6, 15), "day-ahead", null, hourly, new long?[96]).Resolution);
        Assert.Equal("PT30M", DayPeriods.Of(null, new DateOnly(2025, 6, 15), "day-ahead", null, halfHourly, new long?[96]).Resolution);
        Assert.Equal("PT15M", DayPeriods.Of(null, new DateOnly(2025, 6, 15), "day-ahead", null, quarterly, new long?[96]).Resolution);
        Assert.Equal("PT30M", DayPeriods.Of(null, new DateOnly(2025, 6, 15), "day-ahead", null, startsLate, new long?[96]).Resolution);
    }
}
