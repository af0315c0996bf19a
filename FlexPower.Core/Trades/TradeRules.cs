using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using FlexPower.Core.Common;

namespace FlexPower.Core.Trades;

/// <summary>A trade as it arrives (API field, CSV cell): text to be checked before it becomes a <see cref="Trade"/>.</summary>
public sealed record RawTrade(
    string? Id,
    string? Price,
    string? Quantity,
    string? Direction,
    string? DeliveryDay,
    string? DeliveryHour,
    string? TraderId,
    string? ExecutionTime,
    string? DeliveryStart = null,
    string? DeliveryEnd = null,
    string? Product = null)
{
    /// <summary>A trade from its fields by their place in <see cref="TradeCsv.Columns"/>, however a file or a body gives them.</summary>
    public static RawTrade Of(Func<int, string?> field) => new(field(0), field(1), field(2), field(3), field(4), field(5), field(6), field(7));
}

/// <summary>The one set of trade rules for every entry point (API, CSV import, pages); each message names the field and the rule.</summary>
public static partial class TradeRules
{
    public const int MaxIdLength = 64;
    public const long MaxAbsPrice = 999_999;

    /// <summary>Far above any real intraday trade, and small enough that sums of quantity × price can never overflow.</summary>
    public const int MaxQuantity = 100_000;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (Trade? Trade, IReadOnlyList<string> Errors) Validate(RawTrade raw)
    {
        var errors = new List<string>();

        var id = raw.Id;
        if (string.IsNullOrWhiteSpace(id)) errors.Add("id is required.");
        else if (id.Length > MaxIdLength) errors.Add($"id must be at most {MaxIdLength} characters (got {id.Length:N0}).");
        else if (!PlainText.Is(id)) errors.Add(PlainText.Problem("id"));

        long price = 0;
        if (string.IsNullOrWhiteSpace(raw.Price)) errors.Add("price is required: an integer in eurocent/MWh.");
        else if (!long.TryParse(raw.Price, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out price))
            errors.Add($"price must be an integer in eurocent/MWh (got '{Echo.Value(raw.Price)}').");
        else if (Math.Abs(price) > MaxAbsPrice)
            errors.Add($"price must be between -{MaxAbsPrice:N0} and {MaxAbsPrice:N0} eurocent/MWh (±9,999.99 EUR/MWh; got {price}).");

        var quantity = 0;
        if (string.IsNullOrWhiteSpace(raw.Quantity)) errors.Add("quantity is required: an integer number of MW, at least 1.");
        else if (!int.TryParse(raw.Quantity, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out quantity))
            errors.Add($"quantity must be an integer number of MW (got '{Echo.Value(raw.Quantity)}').");
        else if (quantity is < 1 or > MaxQuantity) errors.Add($"quantity must be from 1 to {MaxQuantity:N0} MW (got {quantity:N0}).");

        TradeDirection direction = default;
        if (raw.Direction == "buy") direction = TradeDirection.Buy;
        else if (raw.Direction == "sell") direction = TradeDirection.Sell;
        else errors.Add($"direction must be exactly 'buy' or 'sell' (got '{Echo.Value(raw.Direction)}').");

        var dayIsValid = TryParseDay(raw.DeliveryDay, out var day);
        if (!dayIsValid) errors.Add($"delivery_day must be a real date as YYYY-MM-DD (got '{Echo.Value(raw.DeliveryDay)}').");
        else if (!DeliveryDays.Contains(day))
        {
            dayIsValid = false;
            errors.Add($"delivery_day must be {DeliveryDays.Describe} (got {DayFormat.Of(day)}).");
        }

        var hour = -1;
        if (!int.TryParse(raw.DeliveryHour, NumberStyles.None, CultureInfo.InvariantCulture, out hour) || hour is < 0 or > 23)
            errors.Add($"delivery_hour must be an integer from 0 to 23 (got '{Echo.Value(raw.DeliveryHour)}').");
        else if (dayIsValid && !BerlinTime.HourExists(day, hour))
            errors.Add($"delivery_hour {hour} does not exist on {DayFormat.Of(day)} in Europe/Berlin (clocks jump from 02:00 to 03:00).");

        var traderId = raw.TraderId;
        if (string.IsNullOrWhiteSpace(traderId)) errors.Add("trader_id is required.");
        else if (traderId.Length > MaxIdLength) errors.Add($"trader_id must be at most {MaxIdLength} characters (got {traderId.Length:N0}).");
        else if (!PlainText.Is(traderId)) errors.Add(PlainText.Problem("trader_id"));

        var executionTime = default(DateTime);
        if (!TryParseExecutionTime(raw.ExecutionTime, out executionTime))
            errors.Add($"execution_time must be an ISO 8601 date and time in UTC, e.g. 2023-02-28T11:12:35Z (without 'Z' or an offset it is read as UTC; got '{Echo.Value(raw.ExecutionTime)}').");

        if (errors.Count > 0) return (null, errors);
        return (new Trade
        {
            Id = id!,
            Price = price,
            Quantity = quantity,
            Direction = direction,
            DeliveryDay = day,
            DeliveryHour = hour,
            TraderId = traderId!,
            ExecutionTimeUtc = executionTime,
        }, errors);
    }

    // Both parsers run for every row of every import. The exchange's own forms are read digit by digit first (through
    // format strings they took most of a row's checking time, measured); what that does not accept goes on to the
    // framework parser, so the texts accepted and their values are exactly those of the framework parser alone.

    public static bool TryParseDay(string? text, out DateOnly day)
    {
        if (text is { Length: 10 } && TryReadDay(text, out day)) return true;
        return DayFormat.TryParse(text, out day);
    }

    public static bool TryParseExecutionTime(string? text, out DateTime utc)
    {
        utc = default;
        if (text is { Length: 20 } && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z' && TryReadDay(text, out var day)
            && TryDigits(text, 11, 2, out var hour) && TryDigits(text, 14, 2, out var minute) && TryDigits(text, 17, 2, out var second)
            && hour < 24 && minute < 60 && second < 60)
        {
            utc = new DateTime(day, new TimeOnly(hour, minute, second), DateTimeKind.Utc);
            return true;
        }
        if (text is { Length: 20 } && text[10] == 'T' && text[19] == 'Z'
            && DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc))
            return true;
        // The contract calls execution_time a UTC time, and clients of other implementations send it without a zone.
        if (text is null || !IsoTime().IsMatch(text)) return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        utc = parsed.UtcDateTime;
        return true;
    }

    /// <summary>The fields in which two trades with the same id differ (empty when they are the same trade).</summary>
    public static IReadOnlyList<string> DifferingFields(Trade a, Trade b)
    {
        var fields = new List<string>();
        if (a.Price != b.Price) fields.Add("price");
        if (a.Quantity != b.Quantity) fields.Add("quantity");
        if (a.Direction != b.Direction) fields.Add("direction");
        if (a.DeliveryDay != b.DeliveryDay) fields.Add("delivery_day");
        if (a.DeliveryHour != b.DeliveryHour) fields.Add("delivery_hour");
        if (a.TraderId != b.TraderId) fields.Add("trader_id");
        if (a.ExecutionTimeUtc != b.ExecutionTimeUtc) fields.Add("execution_time");
        return fields;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDigits(string text, int start, int count, out int value)
    {
        value = 0;
        foreach (var c in text.AsSpan(start, count))
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>yyyy-MM-dd at the start of <paramref name="text"/>, a real date.</summary>
    private static bool TryReadDay(string text, out DateOnly day)
    {
        day = default;
        if (text[4] != '-' || text[7] != '-' || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var dayOfMonth)
            || year < 1 || month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
            return false;
        day = new DateOnly(year, month, dayOfMonth);
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex IsoTime();
}
