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

    /// <summary>
    /// UTC start of a delivery hour. On the autumn day hour 2 is its first occurrence, still in summer time (2025-10-26:
    /// 00:00Z, not 01:00Z): the zone alone would take the repeated local time as standard time, the second one.
    /// </summary>
    public static DateTime HourStartUtc(DateOnly day, int hour)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        if (!Zone.IsAmbiguousTime(local)) return TimeZoneInfo.ConvertTimeToUtc(local, Zone);
        return DateTime.SpecifyKind(local - Zone.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc);
    }

    /// <summary>The Berlin "today": the one place it is worked out.</summary>
    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());

    /// <summary>The Berlin calendar day an instant falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(LocalTime(instant));

    /// <summary>The Berlin wall-clock date and time of an instant.</summary>
    public static DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
}
