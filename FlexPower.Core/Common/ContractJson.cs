using System.Text.Json;

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
    }

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        Configure(options);
        return options;
    }
}
