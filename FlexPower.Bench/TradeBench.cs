using FlexPower.Core.Accounts;
using FlexPower.Core.Trades;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Bench;

/// <summary>Server-side times of the trades page's queries through the real Core service, over random traders and days of the generated year.</summary>
public static class TradeBench
{
    public static async Task RunAsync(string path, int iterations)
    {
        await using var provider = BenchServices.For(path);
        var trades = provider.GetRequiredService<TradeService>();
        var manager = new Caller("bench", true, null);

        var total = (await trades.GetTotalsAsync(manager, new TradeFilter())).TradeCount;
        var latest = (await provider.GetRequiredService<FlexPower.Core.Reports.ReportService>().LatestDayAsync(manager, null))!.Value;
        Console.WriteLine($"Database: {path}, {total:N0} trades, last delivery day {latest:yyyy-MM-dd}, {iterations} measured runs each after 3 warm-ups.");

        var random = new Random(7);
        (string Trader, DateOnly Day) Pick() => ($"trader_{random.Next(1, 51):D2}", latest.AddDays(-random.Next(0, 360)));

        await MeasureAsync("grid first page (25 rows + count), one trader, one day", iterations, async () =>
        {
            var (trader, day) = Pick();
            var caller = new Caller("bench", false, trader); // as the trader sees it
            return (await trades.GetPageAsync(caller, new TradeFilter(day, day), null, 0, 25)).TotalCount;
        }, target: 100);

        await MeasureAsync("filtered totals, one trader, one month", iterations, async () =>
        {
            var (trader, day) = Pick();
            var first = new DateOnly(day.Year, day.Month, 1);
            return (await trades.GetTotalsAsync(manager, new TradeFilter(first, first.AddMonths(1).AddDays(-1), TraderId: trader))).TradeCount;
        }, target: 100);

        await MeasureAsync("GET /v1/trades work in Core (stream all rows), one trader, one day", iterations, async () =>
        {
            var (trader, day) = Pick();
            var count = 0;
            await foreach (var _ in trades.Stream(manager, trader, day)) count++;
            return count;
        }, target: 50);
    }

    private static Task MeasureAsync(string name, int iterations, Func<Task<int>> run, double target) => Measure.RunAsync(name, iterations, run, target);
}
