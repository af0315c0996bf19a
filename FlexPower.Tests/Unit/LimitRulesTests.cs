using FlexPower.Core.Alerts;
using FlexPower.Core.Alerts.Delivery;
using FlexPower.Core.Limits;
using FlexPower.Core.Reports;

using FlexPower.Tests.Support;

namespace FlexPower.Tests.Unit;

public sealed class LimitRulesTests
{
    private static readonly DateOnly Day = new(2023, 2, 28);

    /// <summary>An hourly trade's four quarter-hours on an ordinary day: MW × 250 kWh and cents × 250 millicents each, the count on the first.</summary>
    private static QuarterSums[] Hour(int hour, long buyMw, long buyCents, long sellMw, long sellCents) =>
        [.. Enumerable.Range(0, 4).Select(i => Quarter(hour * 4 + i, buyMw * 250, buyCents * 250, sellMw * 250, sellCents * 250, i == 0 ? 1 : 0))];

    private static QuarterSums Quarter(int quarter, long buyKwh, long buyMillicents, long sellKwh, long sellMillicents, int count = 1) =>
        new(quarter, count, buyKwh, sellKwh, buyMillicents, sellMillicents);

    private static TraderLimit Limit(long? mw, long? lossCents) => new() { TraderId = "trader_1", MaxOpenMw = mw, MaxDailyLossCents = lossCents, UpdatedBy = "boss" };

    [Fact]
    public void OpenPosition_OverTheLimitInEitherDirection_Breaches_AndEqualIsInside()
    {
        var usage = LimitRules.Measure("trader_1", Day, Limit(50, null),
            [.. Hour(9, 57, 57 * 7800, 0, 0), .. Hour(10, 0, 0, 51, 51 * 9000), .. Hour(11, 50, 50 * 8000, 0, 0)], new long?[96]);

        Assert.Equal([9, 10], usage.Hours.Where(h => h.Breached).Select(h => h.Hour));
        var alerts = LimitRules.Alerts(usage).ToList();
        Assert.Equal(["trader_1 2023-02-28 9 - 10", "trader_1 2023-02-28 10 - 11"], alerts.Select(a => a.Subject));
        Assert.Contains("long 57 MW", alerts[0].Message);
        Assert.Contains("short 51 MW", alerts[1].Message);
        Assert.All(alerts, a => Assert.Equal(AlertKinds.OpenPositionLimit, a.Kind));
    }

    [Fact]
    public void DailyLoss_IsMtmInPricedHours_AndCashInTheOthers()
    {
        // Hour 9: bought 57 MW at 78.00 → cash −4,446.00; priced at 100.00 → MtM +1,254.00.
        // Hour 20: sold 18 MW at 34.00 → cash +612.00, no price.
        // Hour 21: bought 10 MW at 250.00, no price → cash −2,500.00.
        QuarterSums[] hours = [.. Hour(9, 57, 57 * 7800, 0, 0), .. Hour(20, 0, 0, 18, 18 * 3400), .. Hour(21, 10, 10 * 25000, 0, 0)];
        var prices = HourPrices.Of(Day, new Dictionary<int, long> { [9] = 10000 });

        var usage = LimitRules.Measure("trader_1", Day, Limit(null, 50000), hours, prices);

        Assert.Equal((125400 + 61200 - 250000) * 1000L, usage.ResultMillicents);
        Assert.Equal((1, 2), (usage.PricedHours, usage.UnpricedHours));
        Assert.Equal(634.00m, usage.LossEur);
        var alert = Assert.Single(LimitRules.Alerts(usage));
        Assert.Equal((AlertKinds.DailyLossLimit, "trader_1 2023-02-28"), (alert.Kind, alert.Subject));
        Assert.Contains("lost 634.00 EUR", alert.Message);
        Assert.Contains("marked to market in 1 hours, cash PnL in 2", alert.Message);

        Assert.Empty(LimitRules.Alerts(LimitRules.Measure("trader_1", Day, Limit(null, 63400), hours, prices))); // equal to the limit is inside
    }

    [Fact]
    public void TheSpringClockChangeDay_HasNoHour2_AndAProfitIsNoLoss()
    {
        var spring = new DateOnly(2026, 3, 29);
        var usage = LimitRules.Measure("trader_1", spring, Limit(1, 1), [], new long?[92]);

        Assert.Equal(23, usage.Hours.Count);
        Assert.DoesNotContain(usage.Hours, h => h.Hour == 2);
        Assert.Equal(0, usage.LossMillicents);
        Assert.Empty(LimitRules.Alerts(usage));
    }

    [Fact]
    public void OpenPosition_IsHeldPerQuarterHour_SoOneQuarterOverTheLimitBreachesAnHourWhoseAverageIsInside()
    {
        // 14:15–14:30 long 60 MW (15,000 kWh), the rest of the hour flat: the hour's average is 15 MW, the quarter's 60 MW.
        var usage = LimitRules.Measure("trader_1", Day, Limit(50, null), [Quarter(57, 15_000, 15_000 * 8000, 0, 0)], new long?[96]);

        var hour = Assert.Single(usage.Hours, h => h.Breached);
        Assert.Equal((14, 60m, 60m), (hour.Hour, hour.NetMw, hour.OpenMw));
        Assert.Contains("long 60 MW in delivery hour 14 - 15", Assert.Single(LimitRules.Alerts(usage)).Message);

        var tenth = LimitRules.Measure("trader_1", Day, Limit(50, null), [Quarter(57, 12_525, 0, 0, 0)], new long?[96]);
        Assert.Contains("long 50.1 MW", Assert.Single(LimitRules.Alerts(tenth)).Message); // 50.1 MW: over, by a tenth
    }

    [Fact]
    public void TheAutumnClockChangeDay_Has25Hours_AndItsRepeatedHourIsItsOwnSubjectWithoutAPrice()
    {
        var autumn = new DateOnly(2025, 10, 26);
        // The repeated 02:00 (quarters 12–15) short 8 MW, the first 02:00 (8–11) flat; hour 2's price applies to the first only.
        var usage = LimitRules.Measure("trader_1", autumn, Limit(5, null),
            [.. Enumerable.Range(12, 4).Select(q => Quarter(q, 0, 0, 2000, 2000 * 5000, q == 12 ? 1 : 0))], HourPrices.Of(autumn, new Dictionary<int, long> { [2] = 9000 }));

        Assert.Equal(25, usage.Hours.Count);
        var repeated = Assert.Single(usage.Hours, h => h.Breached);
        Assert.Equal(("2 - 3 (2)", -8m, null), (repeated.Label, repeated.NetMw, repeated.PriceCents));
        Assert.Equal((0, 1), (usage.PricedHours, usage.UnpricedHours));
        Assert.Equal(8 * 5000 * 1000L, usage.ResultMillicents); // cash only: no price in the repeated hour
        Assert.Equal("trader_1 2025-10-26 2 - 3 (2)", Assert.Single(LimitRules.Alerts(usage)).Subject);
        Assert.Contains("trader_1 2025-10-26 2 - 3 (2)", LimitRules.Subjects("trader_1", autumn));
    }

    [Theory]
    [InlineData(null, 0L, null, "max_open_mw must be a whole number of MW from 1")]
    [InlineData(null, 1_000_001L, null, "max_open_mw")]
    [InlineData(null, null, "-1", "max_daily_loss_eur must be a positive amount")]
    [InlineData(null, null, "0", "max_daily_loss_eur must be a positive amount")]
    [InlineData(null, null, "10.005", "at most 2 decimals")]
    [InlineData("", 10L, null, "trader_id must be 1-64 characters")]
    public void InvalidLimits_AreExplained(string? traderId, long? mw, string? eur, string expected)
    {
        var errors = LimitRules.Validate(traderId ?? "trader_1", new LimitInput(mw, eur is null ? null : decimal.Parse(eur, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains(errors, e => e.Contains(expected));
    }

    [Fact]
    public void ValidLimits_HaveNoProblems_AndEurosBecomeCents()
    {
        Assert.Empty(LimitRules.Validate("trader_1", new LimitInput(1, 0.01m)));
        Assert.Empty(LimitRules.Validate("trader_1", new LimitInput(null, null)));
        Assert.Equal(1250050, LimitRules.ToCents(12500.5m));
    }

    [Fact]
    public void Backoff_Doubles_FromTheBaseDelay_UpToTheCap()
    {
        var delays = Enumerable.Range(1, 6).Select(n => DeliveryBackoff.After(n, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(100))).ToList();

        Assert.Equal([10, 20, 40, 80, 100, 100], delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public void Signature_IsTheHmacSha256OfTheBody_InLowerCaseHex()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            AlertMessage.Signature("what do ya want for nothing?"u8.ToArray(), "Jefe"));
    }

    [Fact]
    public void AlertSettings_NameTheSettingThatIsWrong()
    {
        Assert.Empty(AlertOptionsValidation.Problems(new AlertOptions()));
        var problems = AlertOptionsValidation.Problems(new AlertOptions
        {
            WebhookUrl = "ftp://hooks.example/x",
            WebhookSecret = "short",
            Smtp = new SmtpOptions { Host = "smtp.example", Port = 0, From = "nobody", To = "risk@desk.example; not-an-address", UserName = "flexpower" },
        }).ToList();

        Assert.Contains(problems, p => p.StartsWith("Alerts:WebhookUrl"));
        Assert.Contains(problems, p => p.StartsWith("Alerts:WebhookSecret"));
        Assert.Contains(problems, p => p.StartsWith("Alerts:Smtp:Port"));
        Assert.Contains(problems, p => p.StartsWith("Alerts:Smtp:From"));
        Assert.Contains(problems, p => p.StartsWith("Alerts:Smtp:To 'not-an-address'"));
        Assert.Contains(problems, p => p.StartsWith("Alerts:Smtp:UserName and Alerts:Smtp:Password"));
    }
}
