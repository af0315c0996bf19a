using FlexPower.Core.Common;

namespace FlexPower.Core.Trades;

public enum TradeDirection
{
    Buy,
    Sell,
}

/// <summary>
/// One executed trade as the exchange reports it: a quantity in tenths of MW delivered over a period of whole
/// quarter-hours (UTC), at a price in eurocent/MWh; execution time is UTC. Delivery day and hour are the Europe/Berlin
/// day and clock hour the period starts in (filters, sorting, the contract's hourly fields).
/// </summary>
public sealed class Trade
{
    public required string Id { get; init; }
    public required string TraderId { get; init; }
    public required DateOnly DeliveryDay { get; init; }
    public required int DeliveryHour { get; init; }
    public required DateTime DeliveryStartUtc { get; init; }
    public required DateTime DeliveryEndUtc { get; init; }
    public string? Product { get; init; }
    public required TradeDirection Direction { get; init; }
    public required long Price { get; init; }
    public required long QuantityTenths { get; init; }
    public required DateTime ExecutionTimeUtc { get; init; }

    /// <summary>MW, exact: 12 for a whole number, 12.5 otherwise.</summary>
    public decimal Quantity => Megawatts.FromTenths(QuantityTenths);

    public TimeSpan Length => DeliveryEndUtc - DeliveryStartUtc;
}
