namespace FlexPower.Core.Reports;

/// <summary>One trader's trades in one delivery hour, summed. Cents are Σ quantity × price (eurocent/MWh × MW).</summary>
public sealed class TradeHour
{
    public required string TraderId { get; init; }
    public DateOnly DeliveryDay { get; init; }
    public int DeliveryHour { get; init; }
    public int TradeCount { get; set; }
    public long BuyMw { get; set; }
    public long SellMw { get; set; }
    public long BuyCents { get; set; }
    public long SellCents { get; set; }
}

/// <summary>The same sums per trader and delivery day, so range reports and the desk summary read thousands of rows, not millions.</summary>
public sealed class TradeDay
{
    public required string TraderId { get; init; }
    public DateOnly DeliveryDay { get; init; }
    public int TradeCount { get; set; }
    public long BuyMw { get; set; }
    public long SellMw { get; set; }
    public long BuyCents { get; set; }
    public long SellCents { get; set; }
}
