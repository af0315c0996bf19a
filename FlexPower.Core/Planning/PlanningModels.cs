namespace FlexPower.Core.Planning;

public enum PlantType { GasFired, TurboJet, WindTurbine }

public sealed record Fuels(decimal GasEuroPerMwh, decimal KerosineEuroPerMwh, decimal Co2EuroPerTon, decimal WindPercent);

public sealed record PowerPlant(string Name, PlantType Type, decimal Efficiency, decimal Pmin, decimal Pmax);

/// <summary>A validated production-plan request: the load (MW) for the hour, fuel prices, the fleet, and whether CO2 is priced.</summary>
public sealed record PlanRequest(decimal Load, Fuels Fuels, IReadOnlyList<PowerPlant> Plants, bool IncludeCo2 = true);

/// <summary>One plant's part in the plan. <see cref="P"/> is in MW with one decimal.</summary>
public sealed record PlantOutput(string Name, PlantType Type, decimal CostPerMwh, decimal P, decimal Cost, decimal AvailableMw);

/// <summary>The cheapest feasible plan: every plant once, in merit order; the marginal plant is the most expensive one running.</summary>
public sealed record ProductionPlan(IReadOnlyList<PlantOutput> Outputs, decimal TotalCost, string? MarginalPlant);

/// <summary>No plan meets the load exactly; the message says why and which loads would work.</summary>
public sealed class InfeasibleLoadException(string message, decimal? nearestBelow, decimal? nearestAbove) : Common.ValidationFailedException(message)
{
    public decimal? NearestBelow { get; } = nearestBelow;
    public decimal? NearestAbove { get; } = nearestAbove;
}
