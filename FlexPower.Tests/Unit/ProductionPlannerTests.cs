using System.Text.Json;
using FlexPower.Core.Common;
using FlexPower.Core.Planning;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Unit;

public sealed class ProductionPlannerTests
{
    private static PlanRequest Payload(string name, bool co2 = true) =>
        PayloadReader.Read(JsonDocument.Parse(File.ReadAllText(Reference.File("planner", name))).RootElement, co2);

    [Fact]
    public void Payload3_ReproducesResponse3Exactly()
    {
        var expected = JsonDocument.Parse(File.ReadAllText(Reference.File("planner", "response3.json"))).RootElement
            .EnumerateArray().Select(e => (e.GetProperty("name").GetString(), e.GetProperty("p").GetDecimal())).ToList();

        var plan = ProductionPlanner.Solve(Payload("payload3.json"));

        Assert.Equal(expected, plan.Outputs.Select(o => ((string?)o.Name, o.P)).ToList());
        Assert.Equal("gasfiredbig2", plan.MarginalPlant);
    }

    [Theory]
    [InlineData("payload1.json")]
    [InlineData("payload2.json")]
    [InlineData("payload3.json")]
    public void ExamplePayloads_AreFeasibleAndAsCheapAsTheBruteForceOptimum(string name)
    {
        var request = Payload(name);
        var plan = ProductionPlanner.Solve(request);
        PlanAssert.Feasible(request, plan);
        Assert.Equal(BruteForce.Cost(request)!.Value, plan.TotalCost, 6);
    }

    [Fact]
    public void RandomSmallFleets_MatchTheBruteForceOptimum_OrAreInfeasibleForBoth()
    {
        var random = new Random(2024);
        int feasible = 0, infeasible = 0;
        for (var round = 0; round < 400; round++)
        {
            var request = RandomFleet(random);
            var optimum = BruteForce.Cost(request);
            if (optimum is null)
            {
                Assert.Throws<InfeasibleLoadException>(() => ProductionPlanner.Solve(request));
                infeasible++;
                continue;
            }
            var plan = ProductionPlanner.Solve(request);
            PlanAssert.Feasible(request, plan);
            Assert.True(Math.Abs(optimum.Value - plan.TotalCost) < 0.000001m, $"round {round}: engine {plan.TotalCost}, brute force {optimum}");
            feasible++;
        }
        Assert.True(feasible > 250 && infeasible > 20, $"{feasible} feasible, {infeasible} infeasible: the generator should exercise both");
    }

    [Fact]
    public void PminTrap_GreedyWouldFail_TheEngineFindsTheCheapestFeasiblePlan()
    {
        // Greedy fills the cheap 100–200 MW plant to 200 and is left with 20 MW, below the other plant's 50 MW minimum.
        var request = new PlanRequest(220m, new Fuels(10m, 50m, 0m, 0m),
        [
            new PowerPlant("cheap", PlantType.GasFired, 0.5m, 100m, 200m),
            new PowerPlant("dear", PlantType.GasFired, 0.4m, 50m, 100m),
        ]);
        var plan = ProductionPlanner.Solve(request);
        Assert.Equal([("cheap", 170.0m), ("dear", 50.0m)], plan.Outputs.Select(o => (o.Name, o.P)));
    }

    [Fact]
    public void Plan_WindAtZero_SkipsWindTurbines()
    {
        var request = Payload("payload3.json") with { };
        request = request with { Fuels = request.Fuels with { WindPercent = 0m } };
        var plan = ProductionPlanner.Solve(request);
        Assert.All(plan.Outputs.Where(o => o.Type == PlantType.WindTurbine), o => Assert.Equal(0m, o.P));
        PlanAssert.Feasible(request, plan);
    }

    [Fact]
    public void Co2Off_LowersGasCost_AndIsStillOptimal()
    {
        var withCo2 = ProductionPlanner.Solve(Payload("payload3.json"));
        var request = Payload("payload3.json", co2: false);
        var without = ProductionPlanner.Solve(request);
        Assert.True(without.TotalCost < withCo2.TotalCost);
        Assert.Equal(BruteForce.Cost(request)!.Value, without.TotalCost, 6);
    }

    [Fact]
    public void LoadAboveCapacity_SaysSo()
    {
        var request = Payload("payload3.json") with { Load = 5000m };
        var error = Assert.Throws<InfeasibleLoadException>(() => ProductionPlanner.Solve(request));
        Assert.StartsWith("The load of 5,000.0 MW is above the fleet's total available capacity of 1,257.6 MW", error.Message);
    }

    [Fact]
    public void LoadInAMinimumOutputGap_NamesTheNearestFeasibleLoads()
    {
        var request = new PlanRequest(30m, new Fuels(10m, 50m, 0m, 0m), [new PowerPlant("big", PlantType.GasFired, 0.5m, 50m, 100m)]);
        var error = Assert.Throws<InfeasibleLoadException>(() => ProductionPlanner.Solve(request));
        Assert.Contains("nearest feasible loads are 0.0 MW below and 50.0 MW above", error.Message);
        Assert.Equal((0m, 50m), (error.NearestBelow, error.NearestAbove));
    }

    [Theory]
    [InlineData("""{"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":1}]}""", "load is required")]
    [InlineData("""{"load":10.05,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":1}]}""", "multiple of 0.1 MW")]
    [InlineData("""{"load":-1,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":1}]}""", "load must not be negative")]
    [InlineData("""{"load":1,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"nuclear","efficiency":0.5,"pmin":0,"pmax":1}]}""", "type 'nuclear' is unknown")]
    [InlineData("""{"load":1,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"gasfired","efficiency":0,"pmin":0,"pmax":1}]}""", "efficiency must be from 0.001 to 1")]
    [InlineData("""{"load":1,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"turbojet","efficiency":1.2,"pmin":0,"pmax":1}]}""", "efficiency must be from 0.001 to 1")]
    [InlineData("""{"load":1,"fuels":{"gas(euro/MWh)":-1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":1}]}""", "fuels.gas(euro/MWh) must not be negative")]
    [InlineData("""{"load":1,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":120},"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":1}]}""", "wind(%) must be between 0 and 100")]
    [InlineData("""{"load":1,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":5,"pmax":1}]}""", "pmin (5) is above pmax (1)")]
    [InlineData("""{"load":1,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":-1,"pmax":1}]}""", "pmin must not be negative")]
    [InlineData("""{"load":1,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":1},{"name":"A","type":"turbojet","efficiency":0.5,"pmin":0,"pmax":1}]}""", "used 2 times")]
    [InlineData("""{"load":1,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[]}""", "powerplants is empty")]
    [InlineData("""{"load":1,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"type":"gasfired","efficiency":0.5,"pmin":0,"pmax":1}]}""", "powerplants[0].name is required")]
    [InlineData("""{"load":1,"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":1}]}""", "fuels is required")]
    [InlineData("""{"load":"ten","fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":1}]}""", "load must be a number")]
    [InlineData("""{"load":1e9,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":1}]}""", "load must be at most 100,000 MW")]
    [InlineData("""{"load":1,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{"name":"a","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":1e12}]}""", "pmax must be at most 100,000 MW")]
    public void InvalidPayload_IsRejectedWithASpecificMessage(string json, string expected)
    {
        var error = Assert.Throws<ValidationFailedException>(() => PayloadReader.Read(JsonDocument.Parse(json).RootElement, true));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void HugeFleetTimesLoad_IsRefusedBeforeAnyWork()
    {
        var plants = string.Join(",", Enumerable.Range(0, 400).Select(i => $$"""{"name":"p{{i}}","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":100000}"""));
        var json = $$"""{"load":90000,"fuels":{"gas(euro/MWh)":1,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":1},"powerplants":[{{plants}}]}""";
        var error = Assert.Throws<ValidationFailedException>(() => PayloadReader.Read(JsonDocument.Parse(json).RootElement, true));
        Assert.Contains("too large to plan exactly in one request", error.Message);
    }

    private static PlanRequest RandomFleet(Random random)
    {
        var plants = new List<PowerPlant>();
        var count = random.Next(1, 11);
        for (var i = 0; i < count; i++)
        {
            var type = (PlantType)random.Next(3);
            var pmax = Math.Round((decimal)random.NextDouble() * 60m, random.Next(0, 3));
            var pmin = random.Next(3) == 0 ? 0m : Math.Round(pmax * (decimal)random.NextDouble(), random.Next(0, 3)); // often a pmin trap
            var efficiency = type == PlantType.WindTurbine ? 1m : Math.Round(0.2m + 0.7m * (decimal)random.NextDouble(), 2);
            plants.Add(new PowerPlant($"p{i}", type, efficiency, pmin, pmax));
        }
        var fuels = new Fuels(Math.Round(5m + 40m * (decimal)random.NextDouble(), 1), Math.Round(20m + 60m * (decimal)random.NextDouble(), 1), random.Next(0, 40), random.Next(0, 101));
        var capacity = plants.Sum(p => p.Pmax);
        var load = Math.Round((decimal)random.NextDouble() * capacity * 1.05m, 1);
        return new PlanRequest(load, fuels, plants, IncludeCo2: random.Next(4) != 0);
    }
}

/// <summary>The plan obeys the model: 0.1 MW steps, limits, wind all-or-nothing, and the outputs sum to the load.</summary>
public static class PlanAssert
{
    public static void Feasible(PlanRequest request, ProductionPlan plan)
    {
        Assert.Equal(request.Plants.Select(p => p.Name).Order(), plan.Outputs.Select(o => o.Name).Order());
        Assert.Equal(request.Load, plan.Outputs.Sum(o => o.P));
        foreach (var output in plan.Outputs)
        {
            var plant = request.Plants.Single(p => p.Name == output.Name);
            Assert.Equal(output.P, Math.Round(output.P, 1));
            if (output.P == 0) continue;
            if (plant.Type == PlantType.WindTurbine)
                Assert.Equal(decimal.Floor(plant.Pmax * request.Fuels.WindPercent / 100 * 10) / 10, output.P);
            else
                Assert.InRange(output.P, decimal.Ceiling(plant.Pmin * 10) / 10, decimal.Floor(plant.Pmax * 10) / 10);
        }
    }
}

/// <summary>
/// An independent optimum: every on/off choice of the plants; for a fixed choice the cheapest dispatch is to run each
/// plant at its minimum and fill the rest cheapest-first (the bounds are whole 0.1 MW units, so that is exact).
/// </summary>
public static class BruteForce
{
    public static decimal? Cost(PlanRequest r)
    {
        var load = (int)(r.Load * 10);
        var plants = r.Plants.Select(p => (
            Cost: p.Type switch
            {
                PlantType.WindTurbine => 0m,
                PlantType.GasFired => r.Fuels.GasEuroPerMwh / p.Efficiency + (r.IncludeCo2 ? 0.3m * r.Fuels.Co2EuroPerTon : 0m),
                _ => r.Fuels.KerosineEuroPerMwh / p.Efficiency,
            },
            Min: p.Type == PlantType.WindTurbine ? (int)decimal.Floor(p.Pmax * r.Fuels.WindPercent / 100 * 10) : (int)decimal.Ceiling(p.Pmin * 10),
            Max: p.Type == PlantType.WindTurbine ? (int)decimal.Floor(p.Pmax * r.Fuels.WindPercent / 100 * 10) : (int)decimal.Floor(p.Pmax * 10))).ToList();
        decimal? best = null;
        for (var mask = 0; mask < 1 << plants.Count; mask++)
        {
            var on = plants.Where((p, i) => (mask & (1 << i)) != 0).ToList();
            if (on.Any(p => p.Max < p.Min || p.Max == 0)) continue;
            var (min, max) = (on.Sum(p => p.Min), on.Sum(p => p.Max));
            if (load < min || load > max) continue;
            var rest = load - min;
            var cost = on.Sum(p => p.Cost * p.Min / 10m);
            foreach (var p in on.OrderBy(p => p.Cost))
            {
                var extra = Math.Min(rest, p.Max - p.Min);
                cost += p.Cost * extra / 10m;
                rest -= extra;
            }
            if (best is null || cost < best) best = cost;
        }
        return best;
    }
}
