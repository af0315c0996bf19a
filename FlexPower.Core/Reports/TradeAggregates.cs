namespace FlexPower.Core.Reports;

/// <summary>
/// One trader's energy in one period of a Berlin delivery day (<see cref="Common.BerlinQuarters"/>) — a quarter-hour, or a
/// whole clock hour (four quarters) of trades that deliver all of it — summed over those trades: kWh (a trade delivers
/// quantity × 25 kWh per 0.1 MW in each of its quarters) and millicents (Σ price in eurocent/MWh × kWh). The trade count
/// counts the trades whose period starts in the row. A quarter's sums are those of every row covering it
/// (<see cref="PeriodSums.Spread"/>): a quarter-hour trade inside an hourly trade's hour has a row of its own.
/// </summary>
public sealed class TradeQuarter
{
    public required string TraderId { get; init; }
    public DateOnly DeliveryDay { get; init; }

    /// <summary>The row's first quarter-hour.</summary>
    public int Quarter { get; init; }

    /// <summary>How many quarter-hours the row covers: 1, or 4 for a whole clock hour.</summary>
    public int Quarters { get; init; } = 1;

    /// <summary>The Berlin delivery hour the quarter lies in, which keys its reference price; null in the autumn day's repeated hour, which has none.</summary>
    public int? DeliveryHour { get; init; }
    public int TradeCount { get; set; }
    public long BuyKwh { get; set; }
    public long SellKwh { get; set; }
    public long BuyMillicents { get; set; }
    public long SellMillicents { get; set; }

    public PeriodSums Period() => new(Quarter, Quarters, TradeCount, BuyKwh, SellKwh, BuyMillicents, SellMillicents);
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
