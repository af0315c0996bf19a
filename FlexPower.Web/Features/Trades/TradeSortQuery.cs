using FlexPower.Core.Trades;

namespace FlexPower.Web.Features.Trades;

/// <summary>The trades grid's sort in the URL (<c>sort=price</c>, <c>sort=-price</c> for descending), and the grid column each maps to.</summary>
public static class TradeSortQuery
{
    private static readonly (string Param, string Property, TradeSortColumn Column)[] Columns =
    [
        ("day", nameof(Trade.DeliveryDay), TradeSortColumn.DeliveryDay),
        ("hour", nameof(Trade.DeliveryHour), TradeSortColumn.DeliveryHour),
        ("direction", nameof(Trade.Direction), TradeSortColumn.Direction),
        ("quantity", nameof(Trade.Quantity), TradeSortColumn.Quantity),
        ("price", nameof(Trade.Price), TradeSortColumn.Price),
        ("trader", nameof(Trade.TraderId), TradeSortColumn.TraderId),
        ("executed", nameof(Trade.ExecutionTimeUtc), TradeSortColumn.ExecutionTime),
        ("id", nameof(Trade.Id), TradeSortColumn.Id),
    ];

    /// <summary>Null (the default order: latest delivery first) for a missing or unknown value.</summary>
    public static TradeSort? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var descending = text.StartsWith('-');
        var name = text.TrimStart('-').Trim().ToLowerInvariant();
        return Columns.FirstOrDefault(c => c.Param == name) is { Param: not null } match ? new TradeSort(match.Column, descending) : null;
    }

    public static string? ToParam(TradeSort? sort) =>
        sort is null ? null : (sort.Descending ? "-" : "") + Columns.First(c => c.Column == sort.Column).Param;

    /// <summary>A filter's query string with the sort added, so the page's link and its export keep the grid's order.</summary>
    public static string WithSort(string query, TradeSort? sort) =>
        ToParam(sort) is { } param ? query + (query.Length == 0 ? "?" : "&") + "sort=" + Uri.EscapeDataString(param) : query;

    /// <summary>The sort a grid column (by its property name) stands for.</summary>
    public static TradeSort? FromGrid(string? property, bool descending) =>
        Columns.FirstOrDefault(c => c.Property == property) is { Param: not null } match ? new TradeSort(match.Column, descending) : null;
}
