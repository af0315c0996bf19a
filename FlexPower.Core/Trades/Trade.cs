using FlexPower.Core.Common;

namespace FlexPower.Core.Trades;

public enum TradeDirection
{
    Buy,
    Sell,
}

/// <summary>
/// One executed trade as the exchange reports it. Price is eurocent/MWh, quantity MW for one delivery
/// hour; delivery day and hour are Europe/Berlin local time, execution time is UTC.
/// </summary>
public sealed class Trade
{
    public required string Id { get; init; }
    public required string TraderId { get; init; }
    public required DateOnly DeliveryDay { get; init; }
    public required int DeliveryHour { get; init; }
    public required TradeDirection Direction { get; init; }
    public required long Price { get; init; }
    public required int Quantity { get; init; }
    public required DateTime ExecutionTimeUtc { get; init; }

    // The delivery period's seam for issue 19: derived from the hour until the trades table stores it.
    public DateTime DeliveryStartUtc => BerlinTime.HourStartUtc(DeliveryDay, DeliveryHour);
    public DateTime DeliveryEndUtc => DeliveryStartUtc.AddHours(1);
    public long QuantityTenths => Quantity * 10L;
}
