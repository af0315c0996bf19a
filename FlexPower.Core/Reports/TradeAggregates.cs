namespace FlexPower.Core.Reports;

/// <summary>
/// One trader's energy in one quarter-hour of a Berlin delivery day (<see cref="Common.BerlinQuarters"/>), summed over the
/// trades delivering in it: kWh (a trade delivers quantity × 25 kWh per 0.1 MW in each of its quarters) and millicents
/// (Σ price in eurocent/MWh × kWh). The trade count counts the trades whose period starts in the quarter.
/// </summary>
public sealed class TradeQuarter
{
    public required string TraderId { get; init; }
    public DateOnly DeliveryDay { get; init; }
    public int Quarter { get; init; }

    /// <summary>The Berlin delivery hour the quarter lies in, which keys its reference price; null in the autumn day's repeated hour, which has none.</summary>
    public int? DeliveryHour { get; init; }
    public int TradeCount { get; set; }
    public long BuyKwh { get; set; }
    public long SellKwh { get; set; }
    public long BuyMillicents { get; set; }
    public long SellMillicents { get; set; }
}

/// <summary>The same sums per trader and delivery day, so range reports and the desk summary read thousands of rows, not millions.</summary>
public sealed class TradeDay
{
    public required string TraderId { get; init; }
    public DateOnly DeliveryDay { get; init; }
    public int TradeCount { get; set; }
    public long BuyKwh { get; set; }
    public long SellKwh { get; set; }
    public long BuyMillicents { get; set; }
    public long SellMillicents { get; set; }
}
