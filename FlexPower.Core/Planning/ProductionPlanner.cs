using System.Buffers;
using System.Globalization;

namespace FlexPower.Core.Planning;

/// <summary>
/// The exact unit-commitment solver. Outputs are whole multiples of 0.1 MW ("units"); each plant is off or on within
/// [pmin, pmax] (wind: off or exactly its available power). With plants in merit order (cost per MWh, then payload
/// order), S[i][x] is the cheapest way for plants i..n to produce exactly x units:
///   S[i][x] = min( S[i+1][x],  min over p in [min_i, max_i] of S[i+1][x − p] + c_i·p ).
/// The inner minimum is a sliding-window minimum of S[i+1][y] − c_i·y, kept in a monotonic deque, so a plant costs
/// O(load units): O(plants × load units) time and memory in all, with no pathological inputs. The plan is read forward
/// in merit order giving each plant the largest output that still reaches the optimum — among equal-cost plans that is
/// "cheaper plants loaded first, then earlier plants".
/// </summary>
public static class ProductionPlanner
{
    /// <summary>Plans whose costs differ by less than this many euros are treated as equally cheap (floating-point noise).</summary>
    private const double Tolerance = 1e-6;

    internal sealed record Unit(int PayloadIndex, PowerPlant Plant, decimal CostPerMwh, int Min, int Max, bool OnOff)
    {
        public double CostPerUnit => (double)CostPerMwh / 10;
        public bool CanRun => Max > 0 && Max >= Min;
    }

    /// <summary>MW as the planner page shows them everywhere ("99,999.0 MW"), so its messages and its sliders read alike.</summary>
    private static string Mw(decimal mw) => mw.ToString("N1", CultureInfo.InvariantCulture) + " MW";

    public static ProductionPlan Solve(PlanRequest request)
    {
        var units = MeritOrder(request);
        var load = (int)(request.Load * 10);
        var capacity = units.Where(u => u.CanRun).Sum(u => (long)u.Max);
        if (load > capacity)
            throw new InfeasibleLoadException(
                $"The load of {Mw(request.Load)} is above the fleet's total available capacity of {Mw(capacity / 10m)} (wind at {request.Fuels.WindPercent}%).",
                capacity / 10m, null);

        using var best = CheapestCosts(units, load);
        if (double.IsPositiveInfinity(best.Row(0)[load])) throw Unreachable(request, units, load);

        var outputs = new List<PlantOutput>(units.Count);
        var remaining = load;
        for (var i = 0; i < units.Count; i++)
        {
            var p = LargestOptimalOutput(units[i], best.Row(i)[remaining], best.Row(i + 1), remaining);
            remaining -= p;
            var mw = new decimal(p, 0, 0, false, 1);
            var u = units[i];
            outputs.Add(new PlantOutput(u.Plant.Name, u.Plant.Type, u.CostPerMwh, mw, u.CostPerMwh * mw, u.CanRun ? u.Max / 10m : 0m));
        }
        var marginal = outputs.Where(o => o.P > 0).OrderBy(o => o.CostPerMwh).LastOrDefault()?.Name;
        return new ProductionPlan(outputs, outputs.Sum(o => o.Cost), marginal);
    }

    /// <summary>Plants with their cost per MWh and output limits in 0.1 MW units, cheapest first (ties: payload order).</summary>
    internal static List<Unit> MeritOrder(PlanRequest request) => request.Plants
        .Select((plant, index) => plant.Type switch
        {
            // Wind is off or its whole available power, rounded down to 0.1 MW: it cannot be throttled.
            PlantType.WindTurbine => new Unit(index, plant, 0m, 0, (int)decimal.Floor(plant.Pmax * request.Fuels.WindPercent / 100 * 10), OnOff: true),
            PlantType.GasFired => new Unit(index, plant, request.Fuels.GasEuroPerMwh / plant.Efficiency + (request.IncludeCo2 ? 0.3m * request.Fuels.Co2EuroPerTon : 0m),
                (int)decimal.Ceiling(plant.Pmin * 10), (int)decimal.Floor(plant.Pmax * 10), OnOff: false),
            _ => new Unit(index, plant, request.Fuels.KerosineEuroPerMwh / plant.Efficiency,
                (int)decimal.Ceiling(plant.Pmin * 10), (int)decimal.Floor(plant.Pmax * 10), OnOff: false),
        })
        .OrderBy(u => u.CostPerMwh).ThenBy(u => u.PayloadIndex)
        .ToList();

    /// <summary>S[i][x] for every plant suffix and every load up to the load (+∞ where unreachable), as rows of one flat array.</summary>
    private sealed class CostTable(int plants, int load) : IDisposable
    {
        // Rented, not allocated: a fresh table per request is a large-object allocation (31 MB for 60 plants at
        // 6,500 MW) that forced gen-2 collections on every solve. Every cell is written before it is read.
        private readonly double[] cells = ArrayPool<double>.Shared.Rent((plants + 1) * (load + 1));

        public Span<double> Row(int i) => cells.AsSpan(i * (load + 1), load + 1);

        public void Dispose() => ArrayPool<double>.Shared.Return(cells);
    }

    private static CostTable CheapestCosts(List<Unit> units, int load)
    {
        var s = new CostTable(units.Count, load);
        var last = s.Row(units.Count);
        last.Fill(double.PositiveInfinity);
        last[0] = 0;
        var window = ArrayPool<int>.Shared.Rent(load + 1); // deque storage, reused for every plant
        long suffixCapacity = 0;
        for (var i = units.Count - 1; i >= 0; i--)
        {
            // Plants i..n cannot produce more than their summed maximum: no need to look past it.
            if (units[i].CanRun) suffixCapacity += units[i].Max;
            var reach = (int)Math.Min(load, suffixCapacity);
            var next = s.Row(i + 1);
            var current = s.Row(i);
            next.CopyTo(current); // the plant off
            var u = units[i];
            if (!u.CanRun) continue;
            if (u.OnOff)
            {
                for (var x = u.Max; x <= reach; x++)
                    if (next[x - u.Max] < current[x]) current[x] = next[x - u.Max];
                continue;
            }
            var c = u.CostPerUnit;
            int head = 0, tail = 0;
            for (var x = u.Min; x <= reach; x++)
            {
                var y = x - u.Min; // newest y that enters the window [x − max, x − min]
                if (!double.IsPositiveInfinity(next[y]))
                {
                    var value = next[y] - c * y;
                    while (tail > head && next[window[tail - 1]] - c * window[tail - 1] >= value) tail--;
                    window[tail++] = y;
                }
                while (tail > head && window[head] < x - u.Max) head++;
                if (tail > head)
                {
                    var candidate = next[window[head]] + c * (x - window[head]);
                    if (candidate < current[x]) current[x] = candidate;
                }
            }
        }
        ArrayPool<int>.Shared.Return(window);
        return s;
    }

    private static int LargestOptimalOutput(Unit u, double optimum, ReadOnlySpan<double> next, int x)
    {
        var limit = optimum + Tolerance;
        if (u.CanRun)
        {
            if (u.OnOff) { if (u.Max <= x && next[x - u.Max] <= limit) return u.Max; }
            else
                for (var p = Math.Min(u.Max, x); p >= Math.Max(u.Min, 1); p--)
                    if (next[x - p] + u.CostPerUnit * p <= limit) return p;
        }
        return 0;
    }

    /// <summary>The load is within capacity but no combination of minimum outputs hits it: name the nearest loads that work.</summary>
    private static InfeasibleLoadException Unreachable(PlanRequest request, List<Unit> units, int load)
    {
        var capacity = (int)units.Where(u => u.CanRun).Sum(u => (long)u.Max);
        var reachable = new bool[capacity + 1];
        reachable[0] = true;
        var prefix = new int[capacity + 2];
        foreach (var u in units.Where(u => u.CanRun))
        {
            for (var x = 0; x <= capacity; x++) prefix[x + 1] = prefix[x] + (reachable[x] ? 1 : 0);
            var next = (bool[])reachable.Clone();
            for (var x = u.Min; x <= capacity; x++)
            {
                var (from, to) = (Math.Max(0, x - u.Max), x - u.Min); // reachable[y] for some y in [from, to]
                if (!next[x] && prefix[to + 1] - prefix[from] > 0) next[x] = true;
            }
            reachable = next;
        }
        var below = Enumerable.Range(0, load).Reverse().FirstOrDefault(x => reachable[x], -1);
        var above = Enumerable.Range(load + 1, capacity - load).FirstOrDefault(x => reachable[x], -1);
        var options = string.Join(" and ", new[] { below >= 0 ? $"{Mw(below / 10m)} below" : null, above >= 0 ? $"{Mw(above / 10m)} above" : null }.Where(o => o is not null));
        return new InfeasibleLoadException(
            $"The load of {Mw(request.Load)} cannot be met exactly: the plants' minimum outputs (and wind's all-or-nothing output) leave a gap there. The nearest feasible loads are {options}.",
            below >= 0 ? below / 10m : null, above >= 0 ? above / 10m : null);
    }
}
