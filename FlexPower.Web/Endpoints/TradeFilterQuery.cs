using System.Globalization;
using FlexPower.Core.Trades;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace FlexPower.Web.Endpoints;

/// <summary>The trades filter as URL query parameters, shared by the page (shareable links) and its CSV export.</summary>
public static class TradeFilterQuery
{
    public static TradeFilter Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new TradeFilter(
            Day(values, "from"),
            Day(values, "to"),
            values.TryGetValue("hour", out var h) && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour is >= 0 and <= 23 ? hour : null,
            values.GetValueOrDefault("direction") switch { "buy" => TradeDirection.Buy, "sell" => TradeDirection.Sell, _ => null },
            string.IsNullOrWhiteSpace(values.GetValueOrDefault("trader")) ? null : values["trader"]);
    }

    public static string ToQueryString(TradeFilter filter)
    {
        var pairs = new Dictionary<string, string?>();
        if (filter.From is { } from) pairs["from"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (filter.To is { } to) pairs["to"] = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (filter.Hour is { } hour) pairs["hour"] = hour.ToString(CultureInfo.InvariantCulture);
        if (filter.Direction is { } direction) pairs["direction"] = direction == TradeDirection.Buy ? "buy" : "sell";
        if (filter.TraderId is { } trader) pairs["trader"] = trader;
        return QueryHelpers.AddQueryString("", pairs);
    }

    public static string FileName(TradeFilter filter) =>
        $"trades_{filter.TraderId ?? "desk"}_{filter.From?.ToString("yyyyMMdd") ?? "start"}-{filter.To?.ToString("yyyyMMdd") ?? "end"}.csv";

    private static DateOnly? Day(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && TradeRules.TryParseDay(text, out var day) ? day : null;
}
