using FlexPower.Core.Common;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Reports;

/// <summary>Parameter rules shared by the API, the terminal report and the pages.</summary>
public static class ReportRules
{
    public const int MaxYears = 5;

    public static DateOnly Day(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? throw new ValidationFailedException($"{name} is required: a date as YYYY-MM-DD.")
        : !TradeRules.TryParseDay(text, out var day) ? throw new ValidationFailedException($"{name} must be a real date as YYYY-MM-DD (got '{Echo.Value(text)}').")
        : !DeliveryDays.Contains(day) ? throw new ValidationFailedException($"{name} must be {DeliveryDays.Describe} (got {DayFormat.Of(day)}).")
        : day;

    public static (DateOnly From, DateOnly To) Range(string? from, string? to)
    {
        var (start, end) = (Day(from, "from"), Day(to, "to"));
        if (start > end) throw new ValidationFailedException($"from ({DayFormat.Of(start)}) is after to ({DayFormat.Of(end)}).");
        if (start.AddYears(MaxYears) < end) throw new ValidationFailedException($"The range {DayFormat.Of(start)} to {DayFormat.Of(end)} is longer than {MaxYears} years; ask for a shorter one.");
        return (start, end);
    }

    public static Granularity ParseGranularity(string? text) => (text ?? "day").Trim().ToLowerInvariant() switch
    {
        "day" => Granularity.Day,
        "week" => Granularity.Week,
        "month" => Granularity.Month,
        _ => throw new ValidationFailedException($"granularity must be day, week or month (got '{Echo.Value(text)}')."),
    };

    /// <summary>A day report's resolution: PT15M, PT30M or PT60M (ISO 8601 durations, as EPEX and ENTSO-E name them); PT60M when none is given.</summary>
    public static Resolution ParseResolution(string? text, string name = "resolution") => (text ?? "").Trim().ToUpperInvariant() switch
    {
        "" or "PT60M" => Resolution.PT60M,
        "PT30M" => Resolution.PT30M,
        "PT15M" => Resolution.PT15M,
        _ => throw new ValidationFailedException($"{name} must be PT15M, PT30M or PT60M (got '{Echo.Value(text)}')."),
    };

    /// <summary>The period a day falls in: the day itself, its ISO week's Monday, or the first of its month.</summary>
    public static DateOnly PeriodStart(DateOnly day, Granularity granularity) => granularity switch
    {
        Granularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        Granularity.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    public static DateOnly NextPeriod(DateOnly start, Granularity granularity) => granularity switch
    {
        Granularity.Week => start.AddDays(7),
        Granularity.Month => start.AddMonths(1),
        _ => start.AddDays(1),
    };
}
