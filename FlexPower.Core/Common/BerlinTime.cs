namespace FlexPower.Core.Common;

/// <summary>Delivery days and hours are Europe/Berlin local time; this is the one place that knows the zone.</summary>
public static class BerlinTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>False for hour 2 on the spring clock-change day, which does not exist in Berlin.</summary>
    public static bool HourExists(DateOnly day, int hour) => hour is >= 0 and <= 23 && HoursOfDay.Of(day).Start(hour) is not null;

    /// <summary>The delivery hours of a day: 23 on the spring clock change, otherwise 0–23.</summary>
    public static IReadOnlyList<int> HoursOf(DateOnly day) => Enumerable.Range(0, 24).Where(h => HourExists(day, h)).ToList();

    /// <summary>
    /// UTC start of a delivery hour. On the autumn day hour 2 is its first occurrence, still in summer time (2025-10-26:
    /// 00:00Z, not 01:00Z): the zone alone would take the repeated local time as standard time, the second one.
    /// </summary>
    public static DateTime HourStartUtc(DateOnly day, int hour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        return HoursOfDay.Of(day).Start(hour) ?? throw new ArgumentException($"Hour {hour} does not exist on {day:yyyy-MM-dd} in Europe/Berlin.", nameof(hour));
    }

    /// <summary>
    /// The hour starts of the day last asked for on this thread, each worked out once: a file's rows come in runs of one
    /// day, and the time-zone lookups were a tenth of a million-row import's reading (measured).
    /// </summary>
    private sealed class HoursOfDay(DateOnly day)
    {
        [ThreadStatic] private static HoursOfDay? last;

        private readonly DateOnly day = day;
        private readonly DateTime?[] starts = new DateTime?[24];
        private readonly bool[] known = new bool[24];

        public static HoursOfDay Of(DateOnly day) => last is { } hours && hours.day == day ? hours : last = new HoursOfDay(day);

        public DateTime? Start(int hour)
        {
            if (known[hour]) return starts[hour];
            known[hour] = true;
            var local = day.ToDateTime(new TimeOnly(hour, 0));
            if (Zone.IsInvalidTime(local)) return null;
            return starts[hour] = Zone.IsAmbiguousTime(local)
                ? DateTime.SpecifyKind(local - Zone.GetAmbiguousTimeOffsets(local).Max(), DateTimeKind.Utc)
                : TimeZoneInfo.ConvertTimeToUtc(local, Zone);
        }
    }

    /// <summary>The Berlin "today": the one place it is worked out.</summary>
    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());

    /// <summary>The Berlin calendar day an instant falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(LocalTime(instant));

    /// <summary>The Berlin wall-clock date and time of an instant.</summary>
    public static DateTime LocalTime(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        if (UniformDays.Offset(utc) is { } offset) return DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified);
        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        UniformDays.Remember(DateOnly.FromDateTime(local));
        return local;
    }

    /// <summary>
    /// The last few days of 24 hours asked about on this thread, with their one UTC offset: within such a day local time is
    /// UTC plus it, without a zone lookup (which was a tenth of reading an EPEX SPOT export: a lookup per row, measured).
    /// A day with a clock change has 23 or 25 hours and is never kept.
    /// </summary>
    private static class UniformDays
    {
        private sealed record Day(DateTime StartUtc, DateTime EndUtc, TimeSpan Offset);

        [ThreadStatic] private static Day?[]? days;
        [ThreadStatic] private static int next;

        public static TimeSpan? Offset(DateTime utc)
        {
            foreach (var day in days ?? [])
                if (day is not null && utc >= day.StartUtc && utc < day.EndUtc) return day.Offset;
            return null;
        }

        public static void Remember(DateOnly date)
        {
            var (start, end) = (BerlinQuarters.DayStartUtc(date), BerlinQuarters.DayStartUtc(date.AddDays(1)));
            var offset = Zone.GetUtcOffset(start);
            if (end - start != TimeSpan.FromDays(1) || Zone.GetUtcOffset(end.AddTicks(-1)) != offset) return;
            days ??= new Day?[4];
            days[next] = new Day(start, end, offset);
            next = (next + 1) % days.Length;
        }
    }
}
