using System.Globalization;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace FlexPower.Web.Features.Trades;

/// <summary>The trades filter as URL query parameters, shared by the page (shareable links) and its CSV export.</summary>
public static class TradeFilterQuery
{
    public static TradeFilter Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var values = query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return Parse(values.GetValueOrDefault("from"), values.GetValueOrDefault("to"), values.GetValueOrDefault("hour"),
            values.GetValueOrDefault("direction"), values.GetValueOrDefault("trader"), values.GetValueOrDefault("id"));
    }

    /// <summary>Lenient on purpose: a hand-edited link with a bad value drops that filter instead of failing the page.</summary>
    public static TradeFilter Parse(string? from, string? to, string? hour, string? direction, string? trader, string? id = null) => new(
        TradeRules.TryParseDay(from, out var fromDay) ? fromDay : null,
        TradeRules.TryParseDay(to, out var toDay) ? toDay : null,
        int.TryParse(hour, NumberStyles.None, CultureInfo.InvariantCulture, out var h) && h is >= 0 and <= 23 ? h : null,
        direction switch { "buy" => TradeDirection.Buy, "sell" => TradeDirection.Sell, _ => null },
        PlainText.FromLink(trader),
        PlainText.FromLink(id));

    public static string ToQueryString(TradeFilter filter)
    {
        var pairs = new Dictionary<string, string?>();
        if (filter.From is { } from) pairs["from"] = DayFormat.Of(from);
        if (filter.To is { } to) pairs["to"] = DayFormat.Of(to);
        if (filter.Hour is { } hour) pairs["hour"] = hour.ToString(CultureInfo.InvariantCulture);
        if (filter.Direction is { } direction) pairs["direction"] = direction == TradeDirection.Buy ? "buy" : "sell";
        if (filter.TraderId is { } trader) pairs["trader"] = trader;
        if (filter.IdPrefix is { } id) pairs["id"] = id;
        return QueryHelpers.AddQueryString("", pairs);
    }

    /// <summary>Names the export after whose trades it holds: the trader, or the desk for a manager's unfiltered set.</summary>
    public static string FileName(TradeFilter filter, Caller caller) =>
        $"trades_{caller.LinkScope(filter.TraderId) ?? "desk"}_{filter.From?.ToString("yyyyMMdd") ?? "start"}-{filter.To?.ToString("yyyyMMdd") ?? "end"}.csv";
}
