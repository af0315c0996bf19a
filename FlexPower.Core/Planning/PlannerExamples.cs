namespace FlexPower.Core.Planning;

public sealed record PlannerExample(string Name, PlanRequest Request);

/// <summary>Built-in fleets for the planner page (and the benchmark).</summary>
public static class PlannerExamples
{
    private static readonly PowerPlant[] EngieFleet =
    [
        new("gasfiredbig1", PlantType.GasFired, 0.53m, 100m, 460m),
        new("gasfiredbig2", PlantType.GasFired, 0.53m, 100m, 460m),
        new("gasfiredsomewhatsmaller", PlantType.GasFired, 0.37m, 40m, 210m),
        new("tj1", PlantType.TurboJet, 0.3m, 0m, 16m),
        new("windpark1", PlantType.WindTurbine, 1m, 0m, 150m),
        new("windpark2", PlantType.WindTurbine, 1m, 0m, 36m),
    ];

    public static IReadOnlyList<PlannerExample> All { get; } =
    [
        new("Reference fleet, 910 MW, wind 60%", new PlanRequest(910m, new Fuels(13.4m, 50.8m, 20m, 60m), EngieFleet)),
        new("Reference fleet, 480 MW, no wind", new PlanRequest(480m, new Fuels(13.4m, 50.8m, 20m, 0m), EngieFleet)),
        new("Minimum-output trap (greedy fails)", new PlanRequest(220m, new Fuels(10m, 50m, 0m, 0m),
            [new("cheap", PlantType.GasFired, 0.5m, 100m, 200m), new("dear", PlantType.GasFired, 0.4m, 50m, 100m)])),
        new("Large fleet: 60 plants, 6,500 MW", LargeFleet(6500m)),
    ];

    /// <summary>A deterministic 60-plant fleet: CCGTs, peakers and wind parks with varied minimum outputs.</summary>
    public static PlanRequest LargeFleet(decimal load)
    {
        var random = new Random(60);
        var plants = Enumerable.Range(1, 60).Select(i => (i % 4) switch
        {
            0 => new PowerPlant($"wind{i:00}", PlantType.WindTurbine, 1m, 0m, 40m + random.Next(0, 160)),
            1 => new PowerPlant($"tj{i:00}", PlantType.TurboJet, Math.Round(0.25m + random.Next(0, 15) / 100m, 2), 0m, 10m + random.Next(0, 40)),
            _ => new PowerPlant($"ccgt{i:00}", PlantType.GasFired, Math.Round(0.35m + random.Next(0, 25) / 100m, 2), 40m + random.Next(0, 120), 250m + random.Next(0, 260)),
        }).ToList();
        return new PlanRequest(load, new Fuels(13.4m, 50.8m, 20m, 55m), plants);
    }
}
