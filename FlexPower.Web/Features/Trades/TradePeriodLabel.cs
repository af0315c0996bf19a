using System.Globalization;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;
using FlexPower.Web.Components.Shared;

namespace FlexPower.Web.Features.Trades;

/// <summary>
/// A trade's delivery period as the desk reads it, in Berlin wall-clock time after its day: <c>14:15–14:30</c>; a block
/// over midnight <c>22:00–04:00 (+1 d)</c>; on the autumn clock change the two 02:00 hours told apart,
/// <c>02:00–02:15 (1st)</c> and <c>(2nd)</c>.
/// </summary>
public static class TradePeriodLabel
{
    /// <summary>The period in UTC with its length, for a tooltip.</summary>
    public static string Utc(Trade trade) =>
        $"{Figures.Time(trade.DeliveryStartUtc)}–{Figures.Time(trade.DeliveryEndUtc)} UTC, {Length(trade.Length)}";

    /// <summary>
    /// The end is named as the end of the period's last quarter-hour on the clock, so the first 02:00 hour of the autumn
    /// day ends at 03:00 (its end instant is the clock's second 02:00), as the desk says it.
    /// </summary>
    public static string Times(DateTime startUtc, DateTime endUtc)
    {
        var start = BerlinTime.LocalTime(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc));
        var lastQuarter = BerlinTime.LocalTime(DateTime.SpecifyKind(endUtc - BerlinQuarters.Length, DateTimeKind.Utc));
        var end = lastQuarter + BerlinQuarters.Length;
        var endText = end.Date > start.Date && lastQuarter.Date == start.Date && end.TimeOfDay == TimeSpan.Zero ? "24:00" : Clock(end);
        var days = (lastQuarter.Date - start.Date).Days;
        return $"{Clock(start)}–{endText}{Occurrence(startUtc)}{(days > 0 ? $" (+{days} d)" : "")}";
    }

    private static string Clock(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Occurrence(DateTime utc)
    {
        var instant = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (!BerlinTime.Zone.IsAmbiguousTime(instant)) return "";
        return BerlinTime.Zone.IsDaylightSavingTime(instant) ? " (1st)" : " (2nd)";
    }

    private static string Length(TimeSpan length) => length.TotalMinutes < 60 ? $"{length.TotalMinutes:0} min" : $"{length.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)} h";
}
