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
    /// <summary>A trade from its fields by their place in <see cref="TradeCsv.AllColumns"/>, however a file or a body gives them.</summary>
    public static RawTrade Of(Func<int, string?> field) =>
        new(field(0), field(1), field(2), field(3), field(4), field(5), field(6), field(7), field(8), field(9), field(10));
}

/// <summary>The one set of trade rules for every entry point (API, CSV import, pages); each message names the field and the rule.</summary>
public static partial class TradeRules
{
    public const int MaxIdLength = 64;
    public const long MaxAbsPrice = 999_999;

    /// <summary>Far above any real intraday trade, and small enough that sums of quantity × price can never overflow.</summary>
    public const int MaxQuantity = 100_000;

    public const int MaxProductLength = 64;

    /// <summary>The longest delivery period, a whole day's block.</summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromHours(24);

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

        var quantityTenths = 0L;
        if (string.IsNullOrWhiteSpace(raw.Quantity)) errors.Add($"quantity is required: a number of MW from 0.1 to {MaxQuantity:N0} in steps of 0.1 MW.");
        else if (!TryParseTenths(raw.Quantity, out quantityTenths, out var mw))
            errors.Add($"quantity must be a number of MW such as 12 or 12.5 (got '{Echo.Value(raw.Quantity)}').");
        else if (mw is <= 0 or > MaxQuantity) errors.Add($"quantity must be more than 0 and at most {MaxQuantity:N0} MW (got {mw.ToString(CultureInfo.InvariantCulture)}).");
        else if (quantityTenths < 0)
            errors.Add($"quantity must be in steps of 0.1 MW, at most one decimal (got {mw.ToString(CultureInfo.InvariantCulture)}).");

        TradeDirection direction = default;
        if (raw.Direction == "buy") direction = TradeDirection.Buy;
        else if (raw.Direction == "sell") direction = TradeDirection.Sell;
        else errors.Add($"direction must be exactly 'buy' or 'sell' (got '{Echo.Value(raw.Direction)}').");

        var period = DeliveryPeriod(raw, errors);

        var traderId = raw.TraderId;
        if (string.IsNullOrWhiteSpace(traderId)) errors.Add("trader_id is required.");
        else if (traderId.Length > MaxIdLength) errors.Add($"trader_id must be at most {MaxIdLength} characters (got {traderId.Length:N0}).");
        else if (!PlainText.Is(traderId)) errors.Add(PlainText.Problem("trader_id"));

        var executionTime = default(DateTime);
        if (!TryParseExecutionTime(raw.ExecutionTime, out executionTime))
            errors.Add($"execution_time must be an ISO 8601 date and time in UTC, e.g. 2023-02-28T11:12:35Z (without 'Z' or an offset it is read as UTC; got '{Echo.Value(raw.ExecutionTime)}').");

        var product = string.IsNullOrWhiteSpace(raw.Product) ? null : raw.Product;
        if (product?.Length > MaxProductLength) errors.Add($"product must be at most {MaxProductLength} characters (got {product.Length:N0}).");
        else if (product is not null && !PlainText.Is(product)) errors.Add(PlainText.Problem("product"));

        if (errors.Count > 0 || period is not { } named) return (null, errors);
        var (start, end, day, hour) = named;
        return (new Trade
        {
            Id = id!,
            Price = price,
            QuantityTenths = quantityTenths,
            Direction = direction,
            DeliveryDay = day,
            DeliveryHour = hour,
            DeliveryStartUtc = start,
            DeliveryEndUtc = end,
            Product = product,
            TraderId = traderId!,
            ExecutionTimeUtc = executionTime,
        }, errors);
    }

    /// <summary>
    /// The period a trade names: delivery_start + delivery_end, or the hourly delivery_day + delivery_hour (a 60-minute
    /// period; the autumn day's hour 2 is its first occurrence). With both, delivery_day and delivery_hour must be the Berlin
    /// day and clock hour the period starts in — what every response and export carries beside it, so a trade sent back as
    /// it was read is the same trade. Null when an error was added.
    /// </summary>
    private static Named? DeliveryPeriod(RawTrade raw, List<string> errors)
    {
        var hasPeriod = !string.IsNullOrWhiteSpace(raw.DeliveryStart) || !string.IsNullOrWhiteSpace(raw.DeliveryEnd);
        var hasHour = !string.IsNullOrWhiteSpace(raw.DeliveryDay) || !string.IsNullOrWhiteSpace(raw.DeliveryHour);
        var byPeriod = hasPeriod ? Period(raw.DeliveryStart, raw.DeliveryEnd, errors) : null;
        var byHour = hasHour || !hasPeriod ? Hour(raw.DeliveryDay, raw.DeliveryHour, errors) : null;
        if (byPeriod is { } p && byHour is { } h && (p.Day, p.Hour) != (h.Day, h.Hour))
        {
            errors.Add($"delivery_day {DayFormat.Of(h.Day)} and delivery_hour {h.Hour} ({Describe(h)}) and delivery_start/delivery_end ({Describe(p)}) " +
                $"name different periods: with delivery_start, delivery_day and delivery_hour are the Berlin day and hour it starts in ({DayFormat.Of(p.Day)}, hour {p.Hour}); send one form, or both naming the same period.");
            return null;
        }
        return byPeriod ?? byHour;
    }

    /// <summary>A period with the Berlin day and clock hour it starts in.</summary>
    private readonly record struct Named(DateTime Start, DateTime End, DateOnly Day, int Hour)
    {
        public static Named Of(DateTime start, DateTime end)
        {
            var local = BerlinTime.LocalTime(start);
            return new(start, end, DateOnly.FromDateTime(local), local.Hour);
        }
    }

    private static Named? Hour(string? dayText, string? hourText, List<string> errors)
    {
        var dayIsValid = TryParseDay(dayText, out var day);
        if (!dayIsValid) errors.Add($"delivery_day must be a real date as YYYY-MM-DD (got '{Echo.Value(dayText)}').");
        else if (!DeliveryDays.Contains(day))
        {
            dayIsValid = false;
            errors.Add($"delivery_day must be {DeliveryDays.Describe} (got {DayFormat.Of(day)}).");
        }

        if (!int.TryParse(hourText, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || hour is < 0 or > 23)
            errors.Add($"delivery_hour must be an integer from 0 to 23 (got '{Echo.Value(hourText)}').");
        else if (dayIsValid && !BerlinTime.HourExists(day, hour))
            errors.Add($"delivery_hour {hour} does not exist on {DayFormat.Of(day)} in Europe/Berlin (clocks jump from 02:00 to 03:00).");
        else if (dayIsValid)
        {
            var start = BerlinTime.HourStartUtc(day, hour);
            return new Named(start, start.AddHours(1), day, hour);
        }
        return null;
    }

    private static Named? Period(string? startText, string? endText, List<string> errors)
    {
        var start = default(DateTime);
        var startIsValid = false;
        if (string.IsNullOrWhiteSpace(startText)) errors.Add("delivery_start is required with delivery_end: the UTC start of the delivery period, e.g. 2025-10-26T00:15:00Z.");
        else if (!TryParseExecutionTime(startText, out start)) errors.Add($"delivery_start must be an RFC 3339 UTC time, e.g. 2025-10-26T00:15:00Z (without 'Z' or an offset it is read as UTC; got '{Echo.Value(startText)}').");
        else if (!BerlinQuarters.IsOnGrid(start)) errors.Add($"delivery_start must be on the quarter-hour grid: minute 00, 15, 30 or 45, no seconds (got {TradeDto.FormatUtc(start)}).");
        else if (!DeliveryDays.Contains(DateOnly.FromDateTime(start))) errors.Add($"delivery_start must be on a day {DeliveryDays.Describe} (got {TradeDto.FormatUtc(start)}).");
        else startIsValid = true;

        var end = default(DateTime);
        if (string.IsNullOrWhiteSpace(endText)) errors.Add("delivery_end is required with delivery_start: the UTC end of the delivery period, e.g. 2025-10-26T00:30:00Z.");
        else if (!TryParseExecutionTime(endText, out end)) errors.Add($"delivery_end must be an RFC 3339 UTC time, e.g. 2025-10-26T00:30:00Z (without 'Z' or an offset it is read as UTC; got '{Echo.Value(endText)}').");
        else if (startIsValid)
        {
            var length = end - start;
            if (length <= TimeSpan.Zero)
                errors.Add($"delivery_end must be after delivery_start (got {TradeDto.FormatUtc(start)} to {TradeDto.FormatUtc(end)}).");
            else if (length.Ticks % BerlinQuarters.Length.Ticks != 0)
                errors.Add($"the delivery period (delivery_end − delivery_start) must last a multiple of 15 minutes (got {Minutes(length)}).");
            else if (length > MaxPeriod)
                errors.Add($"the delivery period (delivery_end − delivery_start) must last from 15 minutes to 24 hours (got {Minutes(length)}).");
            else return Named.Of(start, end);
        }
        return null;
    }

    private static string Minutes(TimeSpan length) => $"{length.TotalMinutes.ToString("0.###", CultureInfo.InvariantCulture)} minutes";

    private static string Describe(Named period) => $"{TradeDto.FormatUtc(period.Start)} to {TradeDto.FormatUtc(period.End)}";

    /// <summary>
    /// MW with at most one decimal, read exactly (decimal, never binary floating point). False when the text is no number;
    /// <paramref name="tenths"/> is -1 when it is a number off the 0.1 MW grid.
    /// </summary>
    private static bool TryParseTenths(string text, out long tenths, out decimal mw)
    {
        tenths = -1;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out mw)) return false;
        if (mw is <= 0 or > MaxQuantity) return true;
        var scaled = mw * 10;
        if (scaled == decimal.Truncate(scaled)) tenths = (long)scaled;
        return true;
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
        // Digit by digit for what files hold: yyyy-MM-ddTHH:mm:ss, up to seven decimals of a second (EPEX SPOT writes
        // milliseconds), 'Z' or nothing; the general path below took a microsecond more a row (measured).
        if (text is { Length: >= 19 } && text[10] == 'T' && text[13] == ':' && text[16] == ':' && TryReadDay(text, out var day)
            && TryDigits(text, 11, 2, out var hour) && TryDigits(text, 14, 2, out var minute) && TryDigits(text, 17, 2, out var second)
            && hour < 24 && minute < 60 && second < 60 && TryFractionAndZ(text, out var ticks))
        {
            utc = new DateTime(day, new TimeOnly(hour, minute, second), DateTimeKind.Utc).AddTicks(ticks);
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
        if (a.QuantityTenths != b.QuantityTenths) fields.Add("quantity");
        if (a.Direction != b.Direction) fields.Add("direction");
        if (a.DeliveryDay != b.DeliveryDay) fields.Add("delivery_day");
        if (a.DeliveryHour != b.DeliveryHour) fields.Add("delivery_hour");
        if (a.DeliveryStartUtc != b.DeliveryStartUtc) fields.Add("delivery_start");
        if (a.DeliveryEndUtc != b.DeliveryEndUtc) fields.Add("delivery_end");
        if (a.Product != b.Product) fields.Add("product");
        if (a.TraderId != b.TraderId) fields.Add("trader_id");
        if (a.ExecutionTimeUtc != b.ExecutionTimeUtc) fields.Add("execution_time");
        return fields;
    }

    /// <summary>What follows the seconds at index 19: nothing, 'Z', or '.' and 1–7 digits then nothing or 'Z'.</summary>
    private static bool TryFractionAndZ(string text, out long ticks)
    {
        ticks = 0;
        var next = 19;
        if (next < text.Length && text[next] == '.')
        {
            var digits = 0;
            for (next++; next < text.Length && char.IsAsciiDigit(text[next]) && digits < 7; next++, digits++) ticks = ticks * 10 + (text[next] - '0');
            if (digits == 0) return false;
            for (; digits < 7; digits++) ticks *= 10;
        }
        if (next < text.Length && text[next] == 'Z') next++;
        return next == text.Length;
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
