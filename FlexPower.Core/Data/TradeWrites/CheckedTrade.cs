using System.Text;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>A trade that passed every check, with its line (in a file or a group) and raw text; the spans are valid until the next row is read.</summary>
public readonly ref struct CheckedTrade
{
    public int Line { get; init; }
    public ReadOnlySpan<byte> Raw { get; init; }
    public ReadOnlySpan<byte> Id { get; init; }
    public ReadOnlySpan<byte> TraderId { get; init; }
    public DateOnly DeliveryDay { get; init; }
    public int DeliveryHour { get; init; }
    public TradeDirection Direction { get; init; }
    public long Price { get; init; }
    public DateTime ExecutionTimeUtc { get; init; }

    /// <summary>The delivery period, UTC, on the quarter-hour grid; the quantity in tenths of MW (0.1 MW steps).</summary>
    public DateTime DeliveryStartUtc { get; init; }
    public DateTime DeliveryEndUtc { get; init; }
    public long QuantityTenths { get; init; }

    /// <summary>The product's UTF-8; empty when the trade names none.</summary>
    public ReadOnlySpan<byte> Product { get; init; }

    /// <summary>The longest UTF-8 of an id, a trader id and a product (each at most 64 UTF-16 units, 3 bytes each at most).</summary>
    public const int MaxUtf8Ids = 3 * 3 * TradeRules.MaxIdLength;

    /// <summary>A checked trade's view with its id, trader id and product encoded into <paramref name="utf8"/> (<see cref="MaxUtf8Ids"/> bytes).</summary>
    public static CheckedTrade Of(int line, ReadOnlySpan<byte> raw, Trade trade, Span<byte> utf8)
    {
        var idLength = Encoding.UTF8.GetBytes(trade.Id, utf8);
        var traderLength = Encoding.UTF8.GetBytes(trade.TraderId, utf8[idLength..]);
        var productLength = trade.Product is null ? 0 : Encoding.UTF8.GetBytes(trade.Product, utf8[(idLength + traderLength)..]);
        return Of(line, raw, trade, utf8[..idLength], utf8.Slice(idLength, traderLength), utf8.Slice(idLength + traderLength, productLength));
    }

    /// <summary>A checked trade's view with its id, trader id and product already in UTF-8.</summary>
    public static CheckedTrade Of(int line, ReadOnlySpan<byte> raw, Trade trade, ReadOnlySpan<byte> id, ReadOnlySpan<byte> traderId, ReadOnlySpan<byte> product) =>
        new()
        {
            Line = line,
            Raw = raw,
            Id = id,
            TraderId = traderId,
            DeliveryDay = trade.DeliveryDay,
            DeliveryHour = trade.DeliveryHour,
            Direction = trade.Direction,
            Price = trade.Price,
            ExecutionTimeUtc = trade.ExecutionTimeUtc,
            DeliveryStartUtc = trade.DeliveryStartUtc,
            DeliveryEndUtc = trade.DeliveryEndUtc,
            QuantityTenths = trade.QuantityTenths,
            Product = product,
        };

    public Trade ToTrade() => new()
    {
        Id = Encoding.UTF8.GetString(Id),
        TraderId = Encoding.UTF8.GetString(TraderId),
        DeliveryDay = DeliveryDay,
        DeliveryHour = DeliveryHour,
        DeliveryStartUtc = DeliveryStartUtc,
        DeliveryEndUtc = DeliveryEndUtc,
        Product = Product.IsEmpty ? null : Encoding.UTF8.GetString(Product),
        Direction = Direction,
        Price = Price,
        QuantityTenths = QuantityTenths,
        ExecutionTimeUtc = ExecutionTimeUtc,
    };
}
