using System.Globalization;

using FlexPower.Core.Common;

namespace FlexPower.Core.Trades;

/// <summary>A trade in the contract's shape (trades_api.yaml): snake_case on the wire, day as YYYY-MM-DD, UTC time ending in Z.</summary>
public sealed record TradeDto(
    string Id,
    long Price,
    int Quantity,
    string Direction,
    string DeliveryDay,
    int DeliveryHour,
    string TraderId,
    string ExecutionTime)
{
    public static TradeDto From(Trade t) => new(
        t.Id,
        t.Price,
        t.Quantity,
        t.Direction == TradeDirection.Buy ? "buy" : "sell",
        DayFormat.Of(t.DeliveryDay),
        t.DeliveryHour,
        t.TraderId,
        FormatUtc(t.ExecutionTimeUtc));

    public static string FormatUtc(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
