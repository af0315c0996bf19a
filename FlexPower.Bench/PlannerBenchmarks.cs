using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FlexPower.Core.Planning;

namespace FlexPower.Bench;

/// <summary>
/// The production planner under BenchmarkDotNet, in process (no generated child projects to restore): the reference
/// payload, the 60-plant 6,500 MW fleet, and how time and memory grow with load and with plants.
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private PlanRequest payload3 = default!;
    private PlanRequest large = default!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "payload3.json");
        payload3 = PayloadReader.Read(JsonDocument.Parse(File.ReadAllText(path)).RootElement, includeCo2: true);
        large = PlannerExamples.LargeFleet(6500m);
    }

    [Benchmark(Description = "payload3 (6 plants, 910 MW)")]
    public ProductionPlan Payload3() => ProductionPlanner.Solve(payload3);

    [Benchmark(Description = "60 plants, 6,500 MW")]
    public ProductionPlan LargeFleet() => ProductionPlanner.Solve(large);

    public static void Run(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(PlannerBenchmarks).Assembly).Run(args,
        ManualConfig.Create(DefaultConfig.Instance).AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)).WithOptions(ConfigOptions.DisableOptimizationsValidator));
}

/// <summary>How the solver grows: the first N plants of the large fleet, with a load of LoadMw × N / 60 (so it stays feasible).</summary>
[MemoryDiagnoser]
public class PlannerScalingBenchmarks
{
    private PlanRequest scaled = default!;

    [Params(1625, 3250, 6500)] public int LoadMw { get; set; }
    [Params(15, 30, 60)] public int Plants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var fleet = PlannerExamples.LargeFleet(LoadMw);
        scaled = fleet with { Plants = fleet.Plants.Take(Plants).ToList(), Load = Math.Round(LoadMw * (decimal)Plants / 60m, 0) };
    }

    [Benchmark(Description = "N plants, load LoadMw × N / 60")]
    public ProductionPlan Scaled() => ProductionPlanner.Solve(scaled);
}
