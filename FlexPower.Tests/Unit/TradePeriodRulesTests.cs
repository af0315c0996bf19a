using System.Text.Json;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;

namespace FlexPower.Tests.Unit;

/// <summary>Issue 19's trade rules: a delivery period (or the hourly form), a quantity in 0.1 MW steps, an optional product.</summary>
public sealed class TradePeriodRulesTests
{
    private static readonly RawTrade Hourly = new("t_1", "12000", "12", "sell", "2025-06-01", "14", "trader_1", "2025-06-01T09:00:00Z");
    private static readonly RawTrade Quarter = Hourly with { DeliveryDay = null, DeliveryHour = null, DeliveryStart = "2025-06-01T12:15:00Z", DeliveryEnd = "2025-06-01T12:30:00Z" };

    private static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc);

    private static Trade Valid(RawTrade raw)
    {
        var (trade, errors) = TradeRules.Validate(raw);
        Assert.Empty(errors);
        return trade!;
    }

    private static string Error(RawTrade raw)
    {
        var (trade, errors) = TradeRules.Validate(raw);
        Assert.Null(trade);
        return Assert.Single(errors);
    }

    [Fact]
    public void QuarterHour_IsStoredWithItsPeriod_AndTheBerlinDayAndHourItStartsIn()
    {
        var trade = Valid(Quarter with { Product = "XBID_Quarter_Hour_Power" });
        Assert.Equal((Utc("2025-06-01T12:15:00Z"), Utc("2025-06-01T12:30:00Z")), (trade.DeliveryStartUtc, trade.DeliveryEndUtc));
        Assert.Equal(DateTimeKind.Utc, trade.DeliveryStartUtc.Kind);
        Assert.Equal((new DateOnly(2025, 6, 1), 14), (trade.DeliveryDay, trade.DeliveryHour)); // 14:15 summer time
        Assert.Equal("XBID_Quarter_Hour_Power", trade.Product);
        Assert.Equal(TimeSpan.FromMinutes(15), trade.Length);
    }

    [Fact]
    public void HourlyForm_IsItsSixtyMinutePeriod_WithoutAProduct()
    {
        var trade = Valid(Hourly);
        Assert.Equal((Utc("2025-06-01T12:00:00Z"), Utc("2025-06-01T13:00:00Z")), (trade.DeliveryStartUtc, trade.DeliveryEndUtc));
        Assert.Null(trade.Product);
        Assert.Equal(120L, trade.QuantityTenths);
    }

    [Fact]
    public void AutumnDayHour2_IsTheFirstOccurrence_AndTheRepeatedHourIsAPeriodOfItsOwn()
    {
        var first = Valid(Hourly with { DeliveryDay = "2025-10-26", DeliveryHour = "2" });
        Assert.Equal((Utc("2025-10-26T00:00:00Z"), Utc("2025-10-26T01:00:00Z")), (first.DeliveryStartUtc, first.DeliveryEndUtc));

        var repeated = Valid(Quarter with { DeliveryStart = "2025-10-26T01:00:00Z", DeliveryEnd = "2025-10-26T01:15:00Z" });
        Assert.Equal((new DateOnly(2025, 10, 26), 2), (repeated.DeliveryDay, repeated.DeliveryHour));
        Assert.NotEqual(first.DeliveryStartUtc, repeated.DeliveryStartUtc);
    }

    [Fact]
    public void SpringDay_AQuarterAfterTheJump_IsInHour3()
    {
        var trade = Valid(Quarter with { DeliveryStart = "2025-03-30T01:00:00Z", DeliveryEnd = "2025-03-30T01:15:00Z" });
        Assert.Equal((new DateOnly(2025, 3, 30), 3), (trade.DeliveryDay, trade.DeliveryHour));
    }

    [Fact]
    public void BlockAcrossMidnight_BelongsToTheBerlinDayItStartsIn()
    {
        var trade = Valid(Quarter with { DeliveryStart = "2025-06-01T20:00:00Z", DeliveryEnd = "2025-06-02T02:00:00Z", Product = "Block 22-04" });
        Assert.Equal((new DateOnly(2025, 6, 1), 22), (trade.DeliveryDay, trade.DeliveryHour));
        Assert.Equal(TimeSpan.FromHours(6), trade.Length);
    }

    [Theory]
    [InlineData("2025-06-01T12:15:00", "2025-06-01T12:30:00")]
    [InlineData("2025-06-01T14:15:00+02:00", "2025-06-01T14:30:00+02:00")]
    [InlineData("2025-06-01T12:15:00.000Z", "2025-06-01T12:30Z")]
    public void PeriodWithoutAnOffset_IsUtc_AndWithOneIsConverted(string start, string end)
    {
        var trade = Valid(Quarter with { DeliveryStart = start, DeliveryEnd = end });
        Assert.Equal((Utc("2025-06-01T12:15:00Z"), Utc("2025-06-01T12:30:00Z")), (trade.DeliveryStartUtc, trade.DeliveryEndUtc));
        Assert.Equal(("2025-06-01T12:15:00Z", "2025-06-01T12:30:00Z"), (TradeDto.From(trade).DeliveryStart, TradeDto.From(trade).DeliveryEnd));
    }

    [Theory]
    [InlineData(15)]
    [InlineData(30)]
    [InlineData(45)]
    [InlineData(60)]
    [InlineData(24 * 60)]
    public void Lengths_InQuarterHourSteps_UpToADay_AreAccepted(int minutes)
    {
        var start = Utc("2025-06-01T12:15:00Z");
        Assert.Equal(TimeSpan.FromMinutes(minutes), Valid(Quarter with { DeliveryEnd = TradeDto.FormatUtc(start.AddMinutes(minutes)) }).Length);
    }

    [Theory]
    [InlineData("2025-06-01T12:10:00Z", "2025-06-01T12:25:00Z", "delivery_start must be on the quarter-hour grid: minute 00, 15, 30 or 45, no seconds (got 2025-06-01T12:10:00Z)")]
    [InlineData("2025-06-01T12:15:30Z", "2025-06-01T12:30:00Z", "delivery_start must be on the quarter-hour grid")]
    [InlineData("2025-06-01T12:15:00Z", "2025-06-01T12:15:00Z", "delivery_end must be after delivery_start (got 2025-06-01T12:15:00Z to 2025-06-01T12:15:00Z)")]
    [InlineData("2025-06-01T12:15:00Z", "2025-06-01T12:00:00Z", "delivery_end must be after delivery_start")]
    [InlineData("2025-06-01T12:15:00Z", "2025-06-01T12:35:00Z", "the delivery period (delivery_end − delivery_start) must last a multiple of 15 minutes (got 20 minutes)")]
    [InlineData("2025-06-01T12:15:00Z", "2025-06-02T12:30:00Z", "the delivery period (delivery_end − delivery_start) must last from 15 minutes to 24 hours (got 1455 minutes)")]
    [InlineData("2025-06-01 12:15:00Z", "2025-06-01T12:30:00Z", "delivery_start must be an RFC 3339 UTC time")]
    [InlineData("soon", "2025-06-01T12:30:00Z", "delivery_start must be an RFC 3339 UTC time")]
    [InlineData("2025-06-01T12:15:00Z", "later", "delivery_end must be an RFC 3339 UTC time")]
    [InlineData("2025-06-01T12:15:00Z", null, "delivery_end is required with delivery_start")]
    [InlineData(null, "2025-06-01T12:30:00Z", "delivery_start is required with delivery_end")]
    [InlineData("3000-01-01T00:00:00Z", "3000-01-01T00:15:00Z", "delivery_start must be on a day between 1900-01-01 and 2999-12-31")]
    public void BadPeriod_IsRejected_NamingTheFieldAndTheRule(string? start, string? end, string expected) =>
        Assert.StartsWith(expected, Error(Quarter with { DeliveryStart = start, DeliveryEnd = end }));

    [Fact]
    public void BothForms_NamingTheSamePeriod_AreOneTrade()
    {
        var both = Valid(Hourly with { DeliveryStart = "2025-06-01T12:00:00Z", DeliveryEnd = "2025-06-01T13:00:00Z" });
        Assert.Empty(TradeRules.DifferingFields(Valid(Hourly), both));
        Assert.Empty(TradeRules.Validate(Hourly with { DeliveryDay = "2025-10-26", DeliveryHour = "2", DeliveryStart = "2025-10-26T00:00:00Z", DeliveryEnd = "2025-10-26T01:00:00Z" }).Errors);
    }

    [Theory]
    [InlineData("2025-06-01", "14", "2025-06-01T12:15:00Z", "2025-06-01T12:30:00Z")]
    [InlineData("2025-06-01", "22", "2025-06-01T20:00:00Z", "2025-06-02T02:00:00Z")]
    [InlineData("2025-10-26", "2", "2025-10-26T01:00:00Z", "2025-10-26T01:15:00Z")] // the repeated 02:00 is in hour 2 too
    public void BothForms_TheHourlyFieldsOfAShorterOrLongerPeriod_AreThoseOfItsStart_AsResponsesAndExportsWriteThem(string day, string hour, string start, string end)
    {
        var trade = Valid(Hourly with { DeliveryDay = day, DeliveryHour = hour, DeliveryStart = start, DeliveryEnd = end });
        Assert.Equal((Utc(start), Utc(end)), (trade.DeliveryStartUtc, trade.DeliveryEndUtc));
        var dto = TradeDto.From(trade);
        Assert.Equal(trade.Id, Valid(Hourly with { DeliveryDay = dto.DeliveryDay, DeliveryHour = dto.DeliveryHour.ToString(), DeliveryStart = dto.DeliveryStart, DeliveryEnd = dto.DeliveryEnd }).Id);
    }

    [Theory]
    [InlineData("2025-06-01", "13", "2025-06-01T12:00:00Z", "2025-06-01T12:15:00Z")]
    [InlineData("2025-06-01", "14", "2025-06-01T13:00:00Z", "2025-06-01T14:00:00Z")]
    [InlineData("2025-06-02", "14", "2025-06-01T12:00:00Z", "2025-06-01T13:00:00Z")]
    [InlineData("2025-10-26", "3", "2025-10-26T01:00:00Z", "2025-10-26T02:00:00Z")]
    public void BothForms_NamingDifferentPeriods_AreAnErrorNamingBoth(string day, string hour, string start, string end)
    {
        var error = Error(Hourly with { DeliveryDay = day, DeliveryHour = hour, DeliveryStart = start, DeliveryEnd = end });
        Assert.StartsWith($"delivery_day {day} and delivery_hour {hour} (", error);
        Assert.Contains($"and delivery_start/delivery_end ({start} to {end}) name different periods", error);
    }

    [Fact]
    public void LegacyHourTheDayLacks_IsAnError_EvenWithAPeriod()
    {
        var errors = TradeRules.Validate(Hourly with { DeliveryDay = "2025-03-30", DeliveryHour = "2", DeliveryStart = "2025-03-30T01:00:00Z", DeliveryEnd = "2025-03-30T02:00:00Z" }).Errors;
        Assert.Contains("delivery_hour 2 does not exist on 2025-03-30 in Europe/Berlin (clocks jump from 02:00 to 03:00).", errors);
    }

    [Fact]
    public void NeitherForm_AsksForTheHourlyFields_AsBefore()
    {
        var errors = TradeRules.Validate(Hourly with { DeliveryDay = null, DeliveryHour = null }).Errors;
        Assert.Contains(errors, e => e.StartsWith("delivery_day must be a real date"));
        Assert.Contains(errors, e => e.StartsWith("delivery_hour must be an integer from 0 to 23"));
    }

    [Theory]
    [InlineData("0.1", 1)]
    [InlineData("12", 120)]
    [InlineData("12.0", 120)]
    [InlineData("12.5", 125)]
    [InlineData("12.50", 125)]
    [InlineData("99999.9", 999_999)]
    [InlineData("100000", 1_000_000)]
    public void Quantity_IsExactTenthsOfMw(string text, long tenths) =>
        Assert.Equal(tenths, Valid(Hourly with { Quantity = text }).QuantityTenths);

    [Theory]
    [InlineData(120, "12")]
    [InlineData(125, "12.5")]
    [InlineData(1, "0.1")]
    [InlineData(1_000_000, "100000")]
    public void Quantity_IsAJsonNumber_WholeMwWithoutAFraction(long tenths, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(Megawatts.FromTenths(tenths), ContractJson.Options));
        Assert.Equal(json, Megawatts.FromTenths(tenths).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Product_IsOptional_PlainText_AtMost64Characters()
    {
        Assert.Null(Valid(Quarter with { Product = "" }).Product);
        Assert.Null(Valid(Quarter with { Product = "  " }).Product);
        Assert.Equal(new string('p', 64), Valid(Quarter with { Product = new string('p', 64) }).Product);
        Assert.Equal("product must be at most 64 characters (got 65).", Error(Quarter with { Product = new string('p', 65) }));
        Assert.StartsWith("product must not contain control characters", Error(Quarter with { Product = "XBID\u0007" }));
    }

    [Fact]
    public void DifferingFields_NamesAnotherPeriodOrProduct()
    {
        var a = Valid(Quarter);
        Assert.Equal(["delivery_end"], TradeRules.DifferingFields(a, Valid(Quarter with { DeliveryEnd = "2025-06-01T12:45:00Z" })));
        Assert.Equal(["product"], TradeRules.DifferingFields(a, Valid(Quarter with { Product = "XBID_Quarter_Hour_Power" })));
        Assert.Equal(["quantity"], TradeRules.DifferingFields(a, Valid(Quarter with { Quantity = "12.1" })));
    }
}
