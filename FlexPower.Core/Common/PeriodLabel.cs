using System.Globalization;

namespace FlexPower.Core.Common;

/// <summary>
/// A delivery period as the desk reads it, in Berlin wall-clock time — the one place of these rules for reports, the trades
/// grid and limit alerts: <c>14:15–14:30</c>; the end of the day <c>24:00</c>; a block over midnight <c>22:00–04:00 (+1 d)</c>;
/// the autumn day's repeated 02:00 hour marked <see cref="RepeatedMark"/> (its first occurrence is the delivery hour 2 of old).
/// </summary>
public static class PeriodLabel
{
    public const string RepeatedMark = " (2)";

    /// <summary>
    /// The end is named as the end of the period's last quarter-hour on the clock, so the first 02:00 hour of the autumn day
    /// ends at 03:00 (its end instant is the clock's second 02:00), and a period across the spring jump ends after it.
    /// </summary>
    public static string Of(DateTime startUtc, DateTime endUtc)
    {
        var start = BerlinTime.LocalTime(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc));
        var lastQuarter = BerlinTime.LocalTime(DateTime.SpecifyKind(endUtc - BerlinQuarters.Length, DateTimeKind.Utc));
        var end = lastQuarter + BerlinQuarters.Length;
        var endText = end.Date > start.Date && lastQuarter.Date == start.Date && end.TimeOfDay == TimeSpan.Zero ? "24:00" : Clock(end);
        var days = (lastQuarter.Date - start.Date).Days;
        return $"{Clock(start)}–{endText}{(IsRepeatedHour(startUtc) ? RepeatedMark : "")}{(days > 0 ? $" (+{days} d)" : "")}";
    }

    /// <summary>Whether an instant lies in the autumn day's repeated 02:00–03:00 (winter time, the second occurrence).</summary>
    public static bool IsRepeatedHour(DateTime utc)
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return BerlinTime.Zone.IsAmbiguousTime(instant) && !BerlinTime.Zone.IsDaylightSavingTime(instant);
    }

    private static string Clock(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);
}
