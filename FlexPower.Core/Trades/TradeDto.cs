using System.Globalization;

using FlexPower.Core.Common;

namespace FlexPower.Core.Trades;

/// <summary>
/// A trade in the contract's shape (trades_api.yaml): snake_case on the wire, day as YYYY-MM-DD, UTC times ending in Z.
/// The period's fields come last, so an hourly client's bytes are today's followed by them; quantity is MW, a whole
/// number printed without a fraction.
/// </summary>
public sealed record TradeDto(
    string Id,
    long Price,
    decimal Quantity,
    string Direction,
    string DeliveryDay,
    int DeliveryHour,
    string TraderId,
    string ExecutionTime,
    string DeliveryStart,
    string DeliveryEnd,
    string? Product)
{
    public static TradeDto From(Trade t) => new(
        t.Id,
        t.Price,
        t.Quantity,
        t.Direction == TradeDirection.Buy ? "buy" : "sell",
        DayFormat.Of(t.DeliveryDay),
        t.DeliveryHour,
        t.TraderId,
        FormatUtc(t.ExecutionTimeUtc),
        FormatUtc(t.DeliveryStartUtc),
        FormatUtc(t.DeliveryEndUtc),
        t.Product);

    public static string FormatUtc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
