namespace FlexPower.Core.Common;

/// <summary>
/// The quarter-hours of a Europe/Berlin delivery day, the smallest delivery period: 96 on an ordinary day, 92 on the
/// spring clock change, 100 on the autumn one. A quarter is numbered from the day's local midnight in elapsed time, so
/// the autumn day's repeated 02:00–03:00 is quarters 12–15 after the first one's 8–11. Berlin's offsets are whole hours,
/// so the UTC and the local quarter-hour grid are the same.
/// </summary>
public static class BerlinQuarters
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(15);

    /// <summary>The UTC instant of the day's local midnight (never ambiguous in Berlin: the clocks change at 02:00 and 03:00).</summary>
    public static DateTime DayStartUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), BerlinTime.Zone);

    /// <summary>92, 96 or 100.</summary>
    public static int CountOf(DateOnly day) => (int)((DayStartUtc(day.AddDays(1)) - DayStartUtc(day)) / Length);

    public static DateTime StartUtc(DateOnly day, int quarter) => DayStartUtc(day) + quarter * Length;

    /// <summary>Whether a UTC instant is on the quarter-hour grid (no seconds, minutes a multiple of 15).</summary>
    public static bool IsOnGrid(DateTime utc) => utc.Ticks % Length.Ticks == 0;

    /// <summary>The Berlin day and quarter a UTC instant falls in.</summary>
    public static (DateOnly Day, int Quarter) Of(DateTime utc)
    {
        var day = BerlinTime.DayOf(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return (day, (int)((utc - DayStartUtc(day)).Ticks / Length.Ticks));
    }

    /// <summary>The Berlin clock hour (0–23) a quarter starts in; 2 for both 02:00 hours of the autumn day.</summary>
    public static int HourOf(DateOnly day, int quarter) => BerlinTime.LocalTime(DateTime.SpecifyKind(StartUtc(day, quarter), DateTimeKind.Utc)).Hour;

    /// <summary>True for the quarters of the autumn day's repeated hour, its second 02:00–03:00 (winter time).</summary>
    public static bool IsRepeatedHour(DateOnly day, int quarter) => PeriodLabel.IsRepeatedHour(StartUtc(day, quarter));

    /// <summary>
    /// The legacy delivery hour (the reference prices' key) of a quarter of a day with <paramref name="quarterCount"/>
    /// quarters, without a time-zone lookup: Berlin's clocks change only between 02:00 and 03:00, so a 92-quarter day skips
    /// hour 2 and a 100-quarter day repeats it (quarters 12–15, the second 02:00, which has no legacy hour: null).
    /// </summary>
    public static int? DeliveryHourOf(int quarterCount, int quarter) => quarterCount switch
    {
        92 when quarter >= 8 => quarter / 4 + 1,
        100 when quarter >= 16 => quarter / 4 - 1,
        100 when quarter >= 12 => null,
        _ => quarter / 4,
    };

    /// <summary>The first quarter of a legacy delivery hour, the inverse of <see cref="DeliveryHourOf"/> (the autumn day's hour 2: its first occurrence).</summary>
    public static int FirstQuarterOfHour(int quarterCount, int hour) => quarterCount switch
    {
        92 when hour >= 3 => (hour - 1) * 4,
        100 when hour >= 3 => (hour + 1) * 4,
        _ => hour * 4,
    };

    public static int FirstQuarterOfHour(DateOnly day, int hour) => FirstQuarterOfHour(CountOf(day), hour);
}
