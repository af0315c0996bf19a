namespace FlexPower.Core.Reports;

/// <summary>
/// A cache row: one trader's open positions of one delivery day valued at a reference series, Σ net kWh × R over the quarters
/// that have a price (millicents). Range reports and the desk summary read these instead of every trader-hour. A row is valid only while
/// the day's aggregate (trade count, kWh) and the series' prices of the day (row count, latest import — a correction is always the newest import) still are what it was
/// computed from; otherwise it is computed again (see <see cref="Data.Stores.DayMarkStore"/>).
/// </summary>
public sealed class DayMark
{
    public required string Series { get; init; }
    public required string TraderId { get; init; }
    public DateOnly DeliveryDay { get; init; }
    public int TradeCount { get; set; }
    public long BuyKwh { get; set; }
    public long SellKwh { get; set; }
    public int PriceRows { get; set; }
    public long PriceImportId { get; set; }
    public long MarkMillicents { get; set; }
    public int PricedHours { get; set; }
    public int UnpricedHours { get; set; }
}
