using System.Text.Json;
using FlexPower.Core.Common;
using FlexPower.Core.Planning;

namespace FlexPower.Web.Features.Planner;

public sealed class FleetRow
{
    public string Name { get; set; } = "";
    public PlantType Type { get; set; } = PlantType.GasFired;
    public decimal Efficiency { get; set; } = 0.5m;
    public decimal Pmin { get; set; }
    public decimal Pmax { get; set; } = 100m;
}

/// <summary>
/// What the planner page edits, and the plan it shows. Every change goes through the API's own payload rules
/// (write → PayloadReader) and the same solver, so the page and POST /productionplan can never disagree.
/// </summary>
public sealed class PlannerModel
{
    public decimal Load { get; set; }
    public decimal Gas { get; set; }
    public decimal Kerosine { get; set; }
    public decimal Co2 { get; set; }
    public decimal Wind { get; set; }
    public bool IncludeCo2 { get; set; } = true;
    public List<FleetRow> Fleet { get; } = [];

    public ProductionPlan? Plan { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public decimal Capacity { get; private set; }

    public void Set(PlanRequest request)
    {
        (Load, Gas, Kerosine, Co2, Wind, IncludeCo2) = (request.Load, request.Fuels.GasEuroPerMwh, request.Fuels.KerosineEuroPerMwh,
            request.Fuels.Co2EuroPerTon, request.Fuels.WindPercent, request.IncludeCo2);
        Fleet.Clear();
        Fleet.AddRange(request.Plants.Select(p => new FleetRow { Name = p.Name, Type = p.Type, Efficiency = p.Efficiency, Pmin = p.Pmin, Pmax = p.Pmax }));
        Recompute();
    }

    public PlanRequest ToRequest() => new(Load, new Fuels(Gas, Kerosine, Co2, Wind),
        Fleet.Select(r => new PowerPlant(r.Name, r.Type, r.Efficiency, r.Pmin, r.Pmax)).ToList(), IncludeCo2);

    public string ToJson() => PayloadWriter.Write(ToRequest());

    /// <summary>Replaces the set-up with a payload file's; returns what is wrong, in the page's words, when it is not a valid payload.</summary>
    public string? Import(string json)
    {
        try
        {
            var (request, errors) = PayloadReader.TryRead(JsonDocument.Parse(json).RootElement, IncludeCo2);
            if (request is null) return $"Not a valid payload: {string.Join(" ", errors)}";
            Set(request);
            return null;
        }
        catch (JsonException e)
        {
            return NotJson(e);
        }
    }

    /// <summary>The parser's position in the page's words; its own message ("BytePositionInLine: 23") is for developers.</summary>
    public static string NotJson(JsonException e) => e.LineNumber is { } line
        ? $"This is not valid JSON: it breaks off at line {line + 1}, character {(e.BytePositionInLine ?? 0) + 1}. Look there for a missing or extra comma, quote or bracket."
        : "This is not valid JSON: the file is empty or cut short.";

    public void Recompute()
    {
        var (request, errors) = PayloadReader.TryRead(JsonDocument.Parse(ToJson()).RootElement, IncludeCo2);
        Capacity = Fleet.Sum(r => r.Type == PlantType.WindTurbine ? decimal.Floor(r.Pmax * Wind / 10) / 10 : r.Pmax);
        if (request is null)
        {
            (Plan, Errors) = (null, errors);
            return;
        }
        try
        {
            (Plan, Errors) = (ProductionPlanner.Solve(request), []);
        }
        catch (ValidationFailedException e)
        {
            (Plan, Errors) = (null, [e.Message]);
        }
    }

    /// <summary>The problems of one fleet row, for inline display.</summary>
    public IEnumerable<string> RowErrors(int index) =>
        Errors.Where(e => e.StartsWith($"powerplants[{index}]")).Select(e => e[(e.IndexOf(')') is var close and > 0 ? close + 1 : e.IndexOf('.'))..].TrimStart('.', ':', ' '));
}
