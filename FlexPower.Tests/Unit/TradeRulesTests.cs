using System.Globalization;
using FlexPower.Core.Trades;

namespace FlexPower.Tests.Unit;

public sealed class TradeRulesTests
{
    private static readonly RawTrade Valid = new("t_123", "120", "12", "sell", "2023-02-28", "14", "trader_1", "2023-02-28T11:12:35Z");

    [Fact]
    public void Validate_SampleTrade_ParsesEveryField()
    {
        var (trade, errors) = TradeRules.Validate(Valid);
        Assert.Empty(errors);
        Assert.Equal(("t_123", 120L, 12, TradeDirection.Sell, new DateOnly(2023, 2, 28), 14, "trader_1"),
            (trade!.Id, trade.Price, trade.Quantity, trade.Direction, trade.DeliveryDay, trade.DeliveryHour, trade.TraderId));
        Assert.Equal(new DateTime(2023, 2, 28, 11, 12, 35, DateTimeKind.Utc), trade.ExecutionTimeUtc);
    }

    [Theory]
    [InlineData("-999999")]
    [InlineData("999999")]
    [InlineData("-5")]
    public void Validate_NegativeAndExtremeLegalPrices_AreAccepted(string price) =>
        Assert.Empty(TradeRules.Validate(Valid with { Price = price }).Errors);

    [Theory]
    [InlineData("id", "", "id is required")]
    [InlineData("id", "x65", "id must be at most 64")]
    [InlineData("price", "12.5", "price must be an integer")]
    [InlineData("price", "abc", "price must be an integer")]
    [InlineData("price", "1000000", "price must be between")]
    [InlineData("price", "-1000000", "price must be between")]
    [InlineData("quantity", "0", "quantity must be more than 0 and at most 100,000 MW (got 0)")]
    [InlineData("quantity", "-0.1", "quantity must be more than 0 and at most 100,000 MW (got -0.1)")]
    [InlineData("quantity", "100001", "quantity must be more than 0 and at most 100,000 MW (got 100001)")]
    [InlineData("quantity", "100000.1", "quantity must be more than 0 and at most 100,000 MW")]
    [InlineData("id", "a\u0000b", "id must not contain control characters")]
    [InlineData("id", "a\uFFFDb", "id must not contain control characters or invalid text")]
    [InlineData("trader_id", "trader\t1", "trader_id must not contain control characters")]
    [InlineData("delivery_day", "9999-12-31", "delivery_day must be between 1900-01-01 and 2999-12-31")]
    [InlineData("delivery_day", "1899-12-31", "delivery_day must be between 1900-01-01 and 2999-12-31")]
    [InlineData("quantity", "12.25", "quantity must be in steps of 0.1 MW, at most one decimal (got 12.25)")]
    [InlineData("quantity", "0.05", "quantity must be in steps of 0.1 MW")]
    [InlineData("quantity", "abc", "quantity must be a number of MW")]
    [InlineData("quantity", "1e2", "quantity must be a number of MW")]
    [InlineData("quantity", "\"12\"", "quantity must be a number of MW")]
    [InlineData("direction", "BUY", "direction must be exactly 'buy' or 'sell'")]
    [InlineData("direction", "hold", "direction must be exactly 'buy' or 'sell'")]
    [InlineData("delivery_day", "2023-02-30", "delivery_day must be a real date")]
    [InlineData("delivery_day", "28.02.2023", "delivery_day must be a real date")]
    [InlineData("delivery_hour", "24", "delivery_hour must be an integer from 0 to 23")]
    [InlineData("delivery_hour", "-1", "delivery_hour must be an integer from 0 to 23")]
    [InlineData("trader_id", " ", "trader_id is required")]
    [InlineData("trader_id", "x65", "trader_id must be at most 64")]
    [InlineData("execution_time", "2023-02-28 11:12:35Z", "execution_time must be an ISO 8601 date and time in UTC")]
    [InlineData("execution_time", "yesterday", "execution_time must be an ISO 8601 date and time in UTC")]
    public void Validate_BadField_IsRejectedWithAMessageNamingIt(string field, string value, string expected)
    {
        if (value == "x65") value = new string('x', 65);
        var raw = field switch
        {
            "id" => Valid with { Id = value },
            "price" => Valid with { Price = value },
            "quantity" => Valid with { Quantity = value },
            "direction" => Valid with { Direction = value },
            "delivery_day" => Valid with { DeliveryDay = value },
            "delivery_hour" => Valid with { DeliveryHour = value },
            "trader_id" => Valid with { TraderId = value },
            _ => Valid with { ExecutionTime = value },
        };
        var (trade, errors) = TradeRules.Validate(raw);
        Assert.Null(trade);
        Assert.Contains(errors, e => e.StartsWith(field) && e.Contains(expected));
    }

    [Fact]
    public void Validate_HugeValue_IsEchoedShortened()
    {
        var huge = new string('9', 10_000_000);
        var message = Assert.Single(TradeRules.Validate(Valid with { Price = huge }).Errors);
        Assert.InRange(message.Length, 1, 300);
        Assert.Contains("(10,000,000 characters)", message);
    }

    [Fact]
    public void Validate_Hour2OnSpringClockChange_DoesNotExist()
    {
        var errors = TradeRules.Validate(Valid with { DeliveryDay = "2023-03-26", DeliveryHour = "2" }).Errors;
        Assert.Contains(errors, e => e.Contains("delivery_hour 2 does not exist on 2023-03-26"));
        Assert.Empty(TradeRules.Validate(Valid with { DeliveryDay = "2023-10-29", DeliveryHour = "2" }).Errors);
    }

    [Fact]
    public void Validate_ExecutionTimeWithOffset_IsStoredAsUtc()
    {
        var (trade, _) = TradeRules.Validate(Valid with { ExecutionTime = "2023-02-28T12:12:35+01:00" });
        Assert.Equal(new DateTime(2023, 2, 28, 11, 12, 35), trade!.ExecutionTimeUtc);
        Assert.Equal("2023-02-28T11:12:35Z", TradeDto.From(trade).ExecutionTime);
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("9999-12-31")]
    [InlineData("0000-01-01")]
    [InlineData("2023-00-10")]
    [InlineData("2023-13-10")]
    [InlineData("2023-04-31")]
    [InlineData("2023-1-01")]
    [InlineData(" 2023-01-01")]
    [InlineData("2023/01/01")]
    [InlineData("２０２３-01-01")]
    public void TryParseDay_AcceptsExactlyWhatTheFrameworkParserDoes(string text)
    {
        var expected = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        Assert.Equal((expected, day), (TradeRules.TryParseDay(text, out var parsed), parsed));
    }

    [Theory]
    [InlineData("2023-02-28T23:59:59Z")]
    [InlineData("2024-02-29T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("2023-02-29T10:00:00Z")]
    [InlineData("2023-02-28T24:00:00Z")]
    [InlineData("2023-02-28T23:60:00Z")]
    [InlineData("2023-02-28T23:59:60Z")]
    [InlineData("2023-02-28T2a:59:59Z")]
    [InlineData("2023-02-28T23-59-59Z")]
    public void TryParseExecutionTime_ReadsTheExchangeFormExactlyAsTheFrameworkParserDoes(string text)
    {
        var expected = DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc);
        Assert.Equal((expected, utc, utc.Kind), (TradeRules.TryParseExecutionTime(text, out var parsed), parsed, parsed.Kind));
    }

    [Theory]
    [InlineData("2025-10-26T00:48:30.250Z")]
    [InlineData("2025-10-26T00:48:30.250")]
    [InlineData("2025-10-26T00:48:30.5Z")]
    [InlineData("2025-10-26T00:48:30.1234567Z")]
    [InlineData("2025-10-26T00:48:30")]
    public void TryParseExecutionTime_FractionsOfASecond_ReadAsTheFrameworkReadsThemInUtc(string text)
    {
        Assert.True(DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expected));
        Assert.True(TradeRules.TryParseExecutionTime(text, out var parsed));
        Assert.Equal((expected.UtcDateTime, DateTimeKind.Utc), (parsed, parsed.Kind));
    }

    [Theory]
    [InlineData("2025-10-26T00:48:30.Z")]
    [InlineData("2025-10-26T00:48:30.25x")]
    [InlineData("2025-10-26T00:48:30ZZ")]
    [InlineData("2025-10-26T00:48:30.12345678Z")]
    public void TryParseExecutionTime_AFractionWithoutDigitsOrOfMoreThanSevenOrTrailingText_IsRefused(string text) =>
        Assert.False(TradeRules.TryParseExecutionTime(text, out _));

    [Theory]
    [InlineData("2024-10-09T14:30:00")]
    [InlineData("2024-10-09T14:30")]
    [InlineData("2024-10-09T14:30:00.250")]
    public void Validate_ExecutionTimeWithoutAnOffset_IsReadAsUtc(string text)
    {
        var (trade, errors) = TradeRules.Validate(Valid with { ExecutionTime = text });
        Assert.Empty(errors);
        Assert.Equal(DateTimeKind.Utc, trade!.ExecutionTimeUtc.Kind);
        Assert.Equal(DateTime.Parse(text + "Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), trade.ExecutionTimeUtc);
    }

    [Fact]
    public void Validate_ExecutionTimeWithAnOffset_IsConvertedToUtc()
    {
        var (trade, _) = TradeRules.Validate(Valid with { ExecutionTime = "2024-10-09T16:30:00+02:00" });
        Assert.Equal(new DateTime(2024, 10, 9, 14, 30, 0, DateTimeKind.Utc), trade!.ExecutionTimeUtc);
    }

    [Fact]
    public void DifferingFields_NamesOnlyWhatDiffers()
    {
        var a = TradeRules.Validate(Valid).Trade!;
        var b = TradeRules.Validate(Valid with { Price = "121", DeliveryHour = "15" }).Trade!;
        Assert.Equal(["price", "delivery_hour", "delivery_start", "delivery_end"], TradeRules.DifferingFields(a, b));
        Assert.Empty(TradeRules.DifferingFields(a, TradeRules.Validate(Valid).Trade!));
    }
}
