using FlexPower.Core.Common;

namespace FlexPower.Core.Prices;

/// <summary>
/// The price of one delivery period of a Berlin day in a named reference series (e.g. day-ahead), in eurocent/MWh like trade
/// prices: <see cref="Quarters"/> quarter-hours (1 or 4) from <see cref="FirstQuarter"/> (numbered as <see cref="BerlinQuarters"/>
/// numbers them). <see cref="DeliveryHour"/> is the Berlin clock hour it starts in, null in the autumn day's repeated hour. The
/// import that last set it is kept, so a day's prices have a revision (row count and the largest import id; a correction is
/// always the newest import) that cached marks are checked against.
/// </summary>
public sealed class ReferencePrice
{
    public required string Series { get; init; }
    public DateOnly DeliveryDay { get; init; }
    public int FirstQuarter { get; init; }
    public int Quarters { get; init; }
    public int? DeliveryHour { get; init; }
    public long PriceCents { get; set; }
    public long ImportId { get; set; }

    /// <summary>The 60-minute period of a delivery hour (hour 2 of the autumn day: its first occurrence).</summary>
    public static ReferencePrice OfHour(string series, DateOnly day, int hour, long cents, long importId = 0) => new()
    {
        Series = series, DeliveryDay = day, FirstQuarter = BerlinQuarters.FirstQuarterOfHour(day, hour), Quarters = 4,
        DeliveryHour = hour, PriceCents = cents, ImportId = importId,
    };
}
