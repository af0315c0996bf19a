using System.Text.Json;
using FlexPower.Core.Common;

namespace FlexPower.Core.Trades;

/// <summary>Reads one trade from an API body into a <see cref="RawTrade"/> so the API applies exactly the rules CSV rows get.</summary>
public static class TradeJson
{
    public static RawTrade Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new ValidationFailedException($"The body must be one trade as a JSON object with the fields {string.Join(", ", TradeCsv.Columns)} (or delivery_start and delivery_end instead of delivery_day and delivery_hour; product optional) (got a JSON {body.ValueKind.ToString().ToLowerInvariant()}).");
        return RawTrade.Of(column => Field(body, TradeCsv.AllColumns[column]));
    }

    // A number keeps its JSON text, so 12.25 fails the 0.1 MW rule with the value shown, and 12.5 is read exactly (never
    // through a double); a quoted "120" keeps its quotes and fails too, because the contract says number. A text field takes a string's value, and anything else as written.
    private static string? Field(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String && !TradeCsv.IsNumber(name) ? value.GetString()
        : value.GetRawText();
}
