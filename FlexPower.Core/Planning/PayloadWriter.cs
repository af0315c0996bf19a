using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlexPower.Core.Planning;

/// <summary>Writes a request back in the payload format PayloadReader reads (the engie example layout).</summary>
public static class PayloadWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(PlanRequest request) => new JsonObject
    {
        ["load"] = request.Load,
        ["fuels"] = new JsonObject
        {
            ["gas(euro/MWh)"] = request.Fuels.GasEuroPerMwh,
            ["kerosine(euro/MWh)"] = request.Fuels.KerosineEuroPerMwh,
            ["co2(euro/ton)"] = request.Fuels.Co2EuroPerTon,
            ["wind(%)"] = request.Fuels.WindPercent,
        },
        ["powerplants"] = new JsonArray(request.Plants.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["type"] = p.Type switch { PlantType.GasFired => "gasfired", PlantType.TurboJet => "turbojet", _ => "windturbine" },
            ["efficiency"] = p.Efficiency,
            ["pmin"] = p.Pmin,
            ["pmax"] = p.Pmax,
        }).ToArray()),
    }.ToJsonString(Indented);
}
