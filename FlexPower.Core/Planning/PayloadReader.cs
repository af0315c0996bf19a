using System.Text.Json;
using FlexPower.Core.Common;

namespace FlexPower.Core.Planning;

/// <summary>Reads and validates the production-plan payload (engie format), naming the exact field of every problem.</summary>
public static class PayloadReader
{
    /// <summary>Bounds that keep one request's work and memory sane (the solver's table is plants × load in 0.1 MW steps).</summary>
    public const decimal MaxMegawatts = 100_000m;
    public const int MaxPlants = 500;
    public const long MaxTableCells = 20_000_000;

    /// <summary>Fuel and CO2 prices and efficiencies are bounded so that no cost (price ÷ efficiency × MW) can overflow.</summary>
    public const decimal MaxPrice = 100_000m;
    public const decimal MinEfficiency = 0.001m;

    public static PlanRequest Read(JsonElement body, bool includeCo2)
    {
        var (request, errors) = TryRead(body, includeCo2);
        return request ?? throw new ValidationFailedException(string.Join(" ", errors));
    }

    /// <summary>The request, or every problem found (each naming its field, e.g. "powerplants[2] ('tj1').pmin …").</summary>
    public static (PlanRequest? Request, IReadOnlyList<string> Errors) TryRead(JsonElement body, bool includeCo2)
    {
        var errors = new List<string>();
        if (body.ValueKind != JsonValueKind.Object)
            return (null, ["The body must be a JSON object with load, fuels and powerplants."]);

        var load = Number(body, "load", errors, "load");
        if (load is < 0) errors.Add($"load must not be negative (got {load}).");
        else if (load > MaxMegawatts) errors.Add($"load must be at most {MaxMegawatts:N0} MW (got {load}).");
        else if (load is { } l && l * 10 != decimal.Truncate(l * 10)) errors.Add($"load must be a multiple of 0.1 MW (got {l}).");

        Fuels? fuels = null;
        if (!body.TryGetProperty("fuels", out var fuelsJson) || fuelsJson.ValueKind != JsonValueKind.Object)
            errors.Add("fuels is required: an object with gas(euro/MWh), kerosine(euro/MWh), co2(euro/ton) and wind(%).");
        else
        {
            var gas = Price(fuelsJson, "gas(euro/MWh)", errors, "fuels.gas(euro/MWh)");
            var kerosine = Price(fuelsJson, "kerosine(euro/MWh)", errors, "fuels.kerosine(euro/MWh)");
            var co2 = Price(fuelsJson, "co2(euro/ton)", errors, "fuels.co2(euro/ton)");
            var wind = Number(fuelsJson, "wind(%)", errors, "fuels.wind(%)");
            if (wind is < 0 or > 100) errors.Add($"fuels.wind(%) must be between 0 and 100 (got {wind}).");
            if (gas is { } g && kerosine is { } k && co2 is { } c && wind is { } w) fuels = new Fuels(g, k, c, w);
        }

        var plants = new List<PowerPlant>();
        if (!body.TryGetProperty("powerplants", out var plantsJson) || plantsJson.ValueKind != JsonValueKind.Array)
            errors.Add("powerplants is required: an array of plants with name, type, efficiency, pmin and pmax.");
        else if (plantsJson.GetArrayLength() == 0)
            errors.Add("powerplants is empty: add at least one plant.");
        else if (plantsJson.GetArrayLength() > MaxPlants)
            errors.Add($"powerplants has {plantsJson.GetArrayLength()} plants; at most {MaxPlants} are planned in one request.");
        else
        {
            var index = 0;
            foreach (var plant in plantsJson.EnumerateArray())
            {
                if (ReadPlant(plant, $"powerplants[{index++}]", errors) is { } p) plants.Add(p);
            }
            foreach (var duplicate in plants.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                errors.Add($"powerplants: the name '{Echo.Value(duplicate.Key)}' is used {duplicate.Count()} times; plant names must be unique.");
        }

        if (errors.Count == 0 && (plants.Count + 1L) * ((long)(load!.Value * 10) + 1) > MaxTableCells)
            errors.Add($"{plants.Count} plants at {load} MW is too large to plan exactly in one request (plants × load in 0.1 MW steps must stay under {MaxTableCells:N0}); plan a smaller fleet or a lower load.");
        return errors.Count > 0 ? (null, errors) : (new PlanRequest(load!.Value, fuels!, plants, includeCo2), errors);
    }

    private static PowerPlant? ReadPlant(JsonElement plant, string path, List<string> errors)
    {
        if (plant.ValueKind != JsonValueKind.Object) { errors.Add($"{path} must be an object."); return null; }
        var before = errors.Count;
        string? name = null;
        if (!plant.TryGetProperty("name", out var nameJson) || nameJson.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(nameJson.GetString()))
            errors.Add($"{path}.name is required: a non-empty string.");
        else if (!PlainText.Is(nameJson.GetString()!)) errors.Add(PlainText.Problem($"{path}.name"));
        else name = nameJson.GetString()!.Trim();
        var label = name is null ? path : $"{path} ('{Echo.Value(name)}')";

        PlantType? type = null;
        if (!plant.TryGetProperty("type", out var typeJson) || typeJson.ValueKind != JsonValueKind.String)
            errors.Add($"{label}.type is required: gasfired, turbojet or windturbine.");
        else type = typeJson.GetString() switch
        {
            "gasfired" => PlantType.GasFired,
            "turbojet" => PlantType.TurboJet,
            "windturbine" => PlantType.WindTurbine,
            var other => Error<PlantType?>(errors, $"{label}.type '{Echo.Value(other)}' is unknown: use gasfired, turbojet or windturbine."),
        };

        var efficiency = Number(plant, "efficiency", errors, $"{label}.efficiency");
        if (type is PlantType.GasFired or PlantType.TurboJet && efficiency is < MinEfficiency or > 1)
            errors.Add($"{label}.efficiency must be from {MinEfficiency} to 1 for a fuel plant (got {efficiency}).");
        var pmin = NonNegative(plant, "pmin", errors, $"{label}.pmin");
        var pmax = NonNegative(plant, "pmax", errors, $"{label}.pmax");
        if (pmax > MaxMegawatts) errors.Add($"{label}.pmax must be at most {MaxMegawatts:N0} MW (got {pmax}).");
        if (pmin > pmax) errors.Add($"{label}: pmin ({pmin}) is above pmax ({pmax}).");
        return errors.Count == before ? new PowerPlant(name!, type!.Value, efficiency!.Value, pmin!.Value, pmax!.Value) : null;
    }

    private static decimal? Number(JsonElement parent, string name, List<string> errors, string path)
    {
        if (!parent.TryGetProperty(name, out var value)) { errors.Add($"{path} is required."); return null; }
        if (value.ValueKind != JsonValueKind.Number) { errors.Add($"{path} must be a number (got {Echo.Value(value.GetRawText())})."); return null; }
        if (!value.TryGetDecimal(out var number)) { errors.Add($"{path} is out of range (got {Echo.Value(value.GetRawText())})."); return null; }
        return number;
    }

    private static decimal? Price(JsonElement parent, string name, List<string> errors, string path)
    {
        var price = NonNegative(parent, name, errors, path);
        if (price > MaxPrice) { errors.Add($"{path} must be at most {MaxPrice:N0} (got {price})."); return null; }
        return price;
    }

    private static decimal? NonNegative(JsonElement parent, string name, List<string> errors, string path)
    {
        var number = Number(parent, name, errors, path);
        if (number < 0) { errors.Add($"{path} must not be negative (got {number})."); return null; }
        return number;
    }

    private static T? Error<T>(List<string> errors, string message)
    {
        errors.Add(message);
        return default;
    }
}
