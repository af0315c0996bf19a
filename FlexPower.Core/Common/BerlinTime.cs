namespace FlexPower.Core.Common;

/// <summary>Delivery days and hours are Europe/Berlin local time; this is the one place that knows the zone.</summary>
public static class BerlinTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>False for hour 2 on the spring clock-change day, which does not exist in Berlin.</summary>
    public static bool HourExists(DateOnly day, int hour) =>
        hour is >= 0 and <= 23 && !Zone.IsInvalidTime(day.ToDateTime(new TimeOnly(hour, 0)));

    /// <summary>The delivery hours of a day: 23 on the spring clock change, otherwise 0–23.</summary>
    public static IReadOnlyList<int> HoursOf(DateOnly day) => Enumerable.Range(0, 24).Where(h => HourExists(day, h)).ToList();

    /// <summary>UTC start of a delivery hour (on the autumn day, hour 2 is taken at its first occurrence).</summary>
    public static DateTime HourStartUtc(DateOnly day, int hour) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, 0)), Zone);

    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
}
