using System.Globalization;
using System.Text.RegularExpressions;
using FlexPower.Core.Common;

namespace FlexPower.Core.Prices;

/// <summary>What a reference price and a series name must be, for every entry point (file, API, page, inbox, command line).</summary>
public static partial class PriceRules
{
    /// <summary>±9,999.99 EUR/MWh, as for trades: wider than every European day-ahead and intraday price limit.</summary>
    public const long MaxAbsCents = Trades.TradeRules.MaxAbsPrice;

    public const int MaxSeriesLength = 32;

    // Spelled out rather than taken from the de-DE culture, which a machine without ICU data does not have.
    private static readonly NumberFormatInfo German = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", NegativeSign = "-" };

    /// <summary>Throws unless the name is 1–32 lower-case letters, digits, '-' or '_' (it appears in file names and URLs).</summary>
    public static string Series(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) throw new ValidationFailedException("series is required: a name such as day-ahead or id3.");
        if (!SeriesName().IsMatch(trimmed))
            throw new ValidationFailedException($"series '{Echo.Value(trimmed)}' is not a valid name: use 1 to {MaxSeriesLength} lower-case letters, digits, '-' or '_', starting with a letter or digit (e.g. day-ahead).");
        return trimmed;
    }

    /// <summary>Eurocent/MWh as EUR/MWh with its two decimals (100.00, not 100), as the price file writes it.</summary>
    public static decimal EurMwh(long cents) => cents * 0.01m;

    public static bool IsSeriesName(string? name) => name is not null && SeriesName().IsMatch(name);

    /// <summary>A price in EUR/MWh as written in FlexPower's price file (a '.' before at most two decimals) to eurocent/MWh, or why not.</summary>
    public static bool TryParseEur(string text, out long cents, out string? problem) =>
        TryToCents(text, NumberFormatInfo.InvariantInfo, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, "a number like 85.12 or -3.5", out cents, out problem);

    /// <summary>A price as SMARD writes it (German: '.' between thousands, ',' before the decimals, e.g. -1.234,50).</summary>
    public static bool TryParseGermanEur(string text, out long cents, out string? problem) =>
        TryToCents(text, German, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands,
            "a number like 85,12 or -1.234,50", out cents, out problem);

    public static string? CheckBounds(long cents) => Math.Abs(cents) > MaxAbsCents
        ? string.Create(CultureInfo.InvariantCulture, $"price_eur_mwh {cents / 100m:0.00} is outside ±{MaxAbsCents / 100m:#,##0.00} EUR/MWh")
        : null;

    public static string? CheckHour(DateOnly day, int hour) =>
        hour is < 0 or > 23 ? $"delivery_hour must be 0–23 (got {hour})"
        : !BerlinTime.HourExists(day, hour) ? $"delivery_hour {hour} does not exist on {DayFormat.Of(day)} in Europe/Berlin (the spring clock change skips 02:00–03:00)"
        : null;

    /// <summary>
    /// Why a period from <paramref name="start"/> to <paramref name="end"/> (UTC) cannot have a price, or null: it starts on the
    /// quarter-hour grid, lasts 15 or 60 minutes, and a 60-minute one starts on the hour (Berlin's offsets are whole hours, so
    /// the UTC and the local hour grid are the same and no period crosses a delivery day).
    /// </summary>
    public static string? CheckPeriod(DateTime start, DateTime end)
    {
        if (!BerlinQuarters.IsOnGrid(start))
            return $"delivery_start must be on the quarter-hour grid: minute 00, 15, 30 or 45, no seconds (got {Trades.TradeDto.FormatUtc(start)})";
        if (!DeliveryDays.Contains(DateOnly.FromDateTime(start)))
            return $"delivery_start must be on a day {DeliveryDays.Describe} (got {Trades.TradeDto.FormatUtc(start)})";
        if (end <= start)
            return $"delivery_end must be after delivery_start (got {Trades.TradeDto.FormatUtc(start)} to {Trades.TradeDto.FormatUtc(end)})";
        var minutes = (end - start).TotalMinutes;
        if (minutes is not (15 or 60))
            return $"the period (delivery_end − delivery_start) must last 15 or 60 minutes (got {minutes.ToString("0.###", CultureInfo.InvariantCulture)} minutes)";
        if (minutes == 60 && start.Minute != 0)
            return $"a 60-minute period must start on the hour (got {Trades.TradeDto.FormatUtc(start)})";
        return null;
    }

    private static bool TryToCents(string text, NumberFormatInfo culture, NumberStyles styles, string example, out long cents, out string? problem)
    {
        cents = 0;
        var value = text.Trim();
        if (!decimal.TryParse(value, styles, culture, out var eur))
        {
            problem = $"price_eur_mwh must be {example} (got '{Echo.Value(text)}')";
            return false;
        }
        // Counted in the text: decimal keeps 28 significant digits and silently rounds the rest away (100.0000…01 parses as 100).
        if (Decimals(value, culture.NumberDecimalSeparator) > 2)
        {
            problem = $"price_eur_mwh {Echo.Value(value)} has more than two decimals: prices are kept to the cent";
            return false;
        }
        if (Math.Abs(eur) > MaxAbsCents / 100m)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"price_eur_mwh {text.Trim()} is outside ±{MaxAbsCents / 100m:#,##0.00} EUR/MWh");
            return false;
        }
        cents = (long)(eur * 100);
        problem = null;
        return true;
    }

    /// <summary>The digits after the decimal separator that are not trailing zeros (100.50 has one, 100.000 none).</summary>
    private static int Decimals(string number, string separator)
    {
        var point = number.IndexOf(separator, StringComparison.Ordinal);
        return point < 0 ? 0 : number.AsSpan(point + separator.Length).TrimEnd('0').Length;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,31}$")]
    private static partial Regex SeriesName();
}
