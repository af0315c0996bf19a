using FlexPower.Core.Alerts;
using FlexPower.Core.Alerts.Delivery;
using FlexPower.Core.Limits;
using FlexPower.Core.Reports;

namespace FlexPower.Tests.Unit;

public sealed class LimitRulesTests
{
    private static readonly DateOnly Day = new(2023, 2, 28);

    private static TradeHour Hour(int hour, long buyMw, long buyCents, long sellMw, long sellCents) => new()
    {
        TraderId = "trader_1", DeliveryDay = Day, DeliveryHour = hour, TradeCount = 1, BuyMw = buyMw, BuyCents = buyCents, SellMw = sellMw, SellCents = sellCents,
    };

    private static TraderLimit Limit(long? mw, long? lossCents) => new() { TraderId = "trader_1", MaxOpenMw = mw, MaxDailyLossCents = lossCents, UpdatedBy = "boss" };

    [Fact]
    public void OpenPosition_OverTheLimitInEitherDirection_Breaches_AndEqualIsInside()
    {
        var usage = LimitRules.Measure("trader_1", Day, Limit(50, null),
            [Hour(9, 57, 57 * 7800, 0, 0), Hour(10, 0, 0, 51, 51 * 9000), Hour(11, 50, 50 * 8000, 0, 0)], new Dictionary<int, long>());

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
        var hours = new[] { Hour(9, 57, 57 * 7800, 0, 0), Hour(20, 0, 0, 18, 18 * 3400), Hour(21, 10, 10 * 25000, 0, 0) };
        var prices = new Dictionary<int, long> { [9] = 10000 };

        var usage = LimitRules.Measure("trader_1", Day, Limit(null, 50000), hours, prices);

        Assert.Equal(125400 + 61200 - 250000, usage.ResultCents);
        Assert.Equal((1, 2), (usage.PricedHours, usage.UnpricedHours));
        Assert.Equal(63400, usage.LossCents);
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
        var usage = LimitRules.Measure("trader_1", spring, Limit(1, 1), [], new Dictionary<int, long>());

        Assert.Equal(23, usage.Hours.Count);
        Assert.DoesNotContain(usage.Hours, h => h.Hour == 2);
        Assert.Equal(0, usage.LossCents);
        Assert.Empty(LimitRules.Alerts(usage));
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
