using FlexPower.Core.Common;

namespace FlexPower.Core.Prices;

/// <summary>
/// One delivery period's price read from a file — <paramref name="Quarters"/> quarter-hours (1 or 4) of a Berlin day from
/// <paramref name="FirstQuarter"/> — or why that line is rejected.
/// </summary>
public sealed record PriceLine(int Line, string Raw, DateOnly Day, int FirstQuarter, int Quarters, long Cents, string? Reason = null)
{
    public static PriceLine Rejected(int line, string raw, string reason) => new(line, raw, default, 0, 0, 0, reason);

    /// <summary>The 60-minute period of a delivery hour; the autumn day's hour 2 is its first occurrence.</summary>
    public static PriceLine OfHour(int line, string raw, DateOnly day, int hour, long cents) =>
        new(line, raw, day, BerlinQuarters.FirstQuarterOfHour(day, hour), 4, cents);

    /// <summary>The period from a UTC start of the given length (it lies within one Berlin day: see <see cref="PriceRules.CheckPeriod"/>).</summary>
    public static PriceLine OfPeriod(int line, string raw, DateTime startUtc, int quarters, long cents)
    {
        var (day, quarter) = BerlinQuarters.Of(startUtc);
        return new(line, raw, day, quarter, quarters, cents);
    }

    public DateTime StartUtc => DateTime.SpecifyKind(BerlinQuarters.StartUtc(Day, FirstQuarter), DateTimeKind.Utc);

    public DateTime EndUtc => StartUtc + Quarters * BerlinQuarters.Length;

    /// <summary>The Berlin clock hour the period starts in; null in the autumn day's repeated hour.</summary>
    public int? DeliveryHour => BerlinQuarters.DeliveryHourOf(BerlinQuarters.CountOf(Day), FirstQuarter);

    /// <summary>The period as the desk reads it: <c>2025-10-26 02:00–02:15 (2)</c>.</summary>
    public string Describe() => $"{DayFormat.Of(Day)} {PeriodLabel.Of(StartUtc, EndUtc)}";
}
