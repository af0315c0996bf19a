using System.Diagnostics;

namespace FlexPower.Bench;

public static class Measure
{
    /// <summary>One measurement's median and 95th percentile (ms) against its target.</summary>
    public sealed record Timing(string Name, double Median, double P95, double Target)
    {
        public bool Met => P95 < Target;
    }

    /// <summary>Runs 3 warm-ups (when iterations > 1), then times each run; prints median, p95 and max against the target.</summary>
    public static async Task<Timing> RunAsync(string name, int iterations, Func<Task<int>> run, double target)
    {
        if (iterations > 1) for (var i = 0; i < 3; i++) await run();
        var times = new List<double>();
        var rows = 0L;
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            rows += await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var median = times[times.Count / 2];
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        var verdict = double.IsInfinity(target) ? "" : $" — target < {target} ms: {(p95 < target ? "met" : "MISSED")}";
        Console.WriteLine($"{name}: median {median:N1} ms, p95 {p95:N1} ms, max {times[^1]:N1} ms (avg {rows / iterations:N0} rows){verdict}");
        return new Timing(name, median, p95, target);
    }
}
