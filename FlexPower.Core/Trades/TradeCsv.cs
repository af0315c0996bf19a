using System.Globalization;

namespace FlexPower.Core.Trades;

/// <summary>The exchange's file layout (epex_trades_YYYYMMDD.csv), used for exports so a file can be re-imported.</summary>
public static class TradeCsv
{
    public static readonly IReadOnlyList<string> Columns = ["id", "price", "quantity", "direction", "delivery_day", "delivery_hour", "trader_id", "execution_time"];

    public static string Header { get; } = string.Join(',', Columns);

    public static string FormatRow(Trade t)
    {
        var dto = TradeDto.From(t);
        return string.Join(',',
            Quote(dto.Id),
            dto.Price.ToString(CultureInfo.InvariantCulture),
            dto.Quantity.ToString(CultureInfo.InvariantCulture),
            dto.Direction,
            dto.DeliveryDay,
            dto.DeliveryHour.ToString(CultureInfo.InvariantCulture),
            Quote(dto.TraderId),
            dto.ExecutionTime);
    }

    /// <summary>RFC 4180 quoting, only where a value needs it.</summary>
    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
