using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlexPower.Core.Common;

/// <summary>The API contract's JSON conventions (snake_case), shared by the API and the terminal's --format json so both print the same document.</summary>
public static class ContractJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        // {"price": 1, "price": 999} must not quietly mean 999.
        options.AllowDuplicateProperties = false;
        // The contract's numbers are JSON numbers: {"max_open_mw": "40"} is refused, as a trade's "price": "120" is.
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        Configure(options);
        return options;
    }
}
