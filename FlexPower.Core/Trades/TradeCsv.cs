using FlexPower.Core.Common;

namespace FlexPower.Core.Trades;

/// <summary>The exchange's file layout (epex_trades_YYYYMMDD.csv): imports read it, exports write it so a file can be re-imported.</summary>
public static class TradeCsv
{
    /// <summary>The exchange's columns, every one required in a file (delivery_day and delivery_hour unless the period's columns are there).</summary>
    public static readonly IReadOnlyList<string> Columns = ["id", "price", "quantity", "direction", "delivery_day", "delivery_hour", "trader_id", "execution_time"];

    /// <summary>The columns a file may add: a period instead of an hour, and the product.</summary>
    public static readonly IReadOnlyList<string> PeriodColumns = ["delivery_start", "delivery_end", "product"];

    /// <summary>Every column, in the order <see cref="RawTrade.Of"/> takes them and exports write them.</summary>
    public static readonly IReadOnlyList<string> AllColumns = [.. Columns, .. PeriodColumns];

    /// <summary>The columns the contract types as numbers.</summary>
    private static readonly HashSet<string> Numbers = ["price", "quantity", "delivery_hour"];

    public static bool IsNumber(string column) => Numbers.Contains(column);

    /// <summary>Streams the trades in the exchange's layout with the period's columns, row by row (the export of the trades page).</summary>
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<Trade> trades, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvExport.Create(output);
        csv.WriteHeader(AllColumns.ToArray().AsSpan());
        await foreach (var trade in trades.WithCancellation(cancellationToken))
        {
            var dto = TradeDto.From(trade);
            csv.WriteField(dto.Id);
            csv.WriteField(dto.Price, default);
            csv.WriteField(dto.Quantity, default);
            csv.WriteField(dto.Direction);
            csv.WriteField(dto.DeliveryDay);
            csv.WriteField(dto.DeliveryHour, default);
            csv.WriteField(dto.TraderId);
            csv.WriteField(dto.ExecutionTime);
            csv.WriteField(dto.DeliveryStart);
            csv.WriteField(dto.DeliveryEnd);
            csv.WriteField(dto.Product ?? "");
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
