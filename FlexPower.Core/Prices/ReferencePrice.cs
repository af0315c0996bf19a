namespace FlexPower.Core.Prices;

/// <summary>
/// One delivery hour's price in a named reference series (e.g. day-ahead), in eurocent/MWh like trade prices. The import
/// that last set it is kept, so a day's prices have a revision (row count and the largest import id; a correction is always the newest import) that cached marks are checked against.
/// </summary>
public sealed class ReferencePrice
{
    public required string Series { get; init; }
    public DateOnly DeliveryDay { get; init; }
    public int DeliveryHour { get; init; }
    public long PriceCents { get; set; }
    public long ImportId { get; set; }
}
