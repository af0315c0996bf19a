using System.Diagnostics;
using FlexPower.Core.Accounts;
using FlexPower.Core;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Import;
using FlexPower.Core.Prices;
using FlexPower.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Bench;

/// <summary>Server-side times of the PnL reports through the real ReportService, against a plain GROUP BY over the raw trades.</summary>
public static class ReportBench
{
    public static async Task RunAsync(string path, int iterations)
    {
        await using var provider = BenchServices.For(path);
        var upgrade = Stopwatch.StartNew();
        await provider.PrepareDatabaseAsync();
        Console.WriteLine($"Schema ready in {upgrade.Elapsed.TotalSeconds:N1} s (pending migrations applied).");

        var reports = provider.GetRequiredService<ReportService>();
        var manager = new Caller("bench", true, null);
        var latest = (await reports.LatestDayAsync(manager, null))!.Value;
        var yearStart = latest.AddDays(-364);
        var random = new Random(7);
        string Trader() => $"trader_{random.Next(1, 51):D2}";
        await EnsureReferencePricesAsync(provider, reports.DefaultSeries, yearStart, latest);
        await ForgetDayMarksAsync(provider);

        // Until the leader's MarkRefresher has cached the day marks (after a price import, or on a new database) a range
        // report or summary values every trader-hour of its range itself; then it reads one mark per trader and day.
        await Measure.RunAsync("trader summary, all traders, one year — nothing cached, every day mark computed", 1, async () =>
            (await reports.TradersAsync(manager, yearStart, latest)).Traders.Count, target: double.PositiveInfinity);
        await Measure.RunAsync("range report, one trader, one year by day — nothing cached", 1, async () =>
            (await reports.RangeAsync(manager, "trader_01", yearStart, latest, Granularity.Day)).Total.TradeCount, target: double.PositiveInfinity);
        await Measure.RunAsync("the refresher caching the year's day marks (what the leader does after a price import)", 1, async () =>
        {
            await provider.GetRequiredService<MarkRefresher>().RefreshAsync(yearStart, latest, CancellationToken.None);
            return 0;
        }, target: double.PositiveInfinity);

        await Measure.RunAsync("day report, one trader, one day", iterations, async () =>
            (await reports.DayAsync(manager, Trader(), latest.AddDays(-random.Next(0, 360)))).Total.TradeCount, target: 20);
        // Issue 19's targets: the day report at quarter-hours (92/96/100 rows), the range and the summary as before.
        Measure.Timing[] issue19 =
        [
            await Measure.RunAsync("day report, one trader, one day at PT15M", iterations, async () =>
                (await reports.DayAsync(manager, Trader(), latest.AddDays(-random.Next(0, 360)), resolution: Resolution.PT15M)).Total.TradeCount, target: 20),
            await Measure.RunAsync("range report, one trader, one year by day", iterations, async () =>
                (await reports.RangeAsync(manager, Trader(), yearStart, latest, Granularity.Day)).Total.TradeCount, target: 50),
            await Measure.RunAsync("trader summary, all traders, one year", iterations, async () =>
                (await reports.TradersAsync(manager, yearStart, latest)).Traders.Count, target: 100),
        ];
        Console.WriteLine($"Issue 19 targets (p95, warm, {iterations} runs each):");
        foreach (var t in issue19)
            Console.WriteLine($"  {t.Name}: p50 {t.Median:N1} ms, p95 {t.P95:N1} ms, target < {t.Target} ms: {(t.Met ? "met" : "MISSED")}");

        await using var db = await provider.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync();
        Console.WriteLine($"MtM check: the desk's year at {reports.DefaultSeries}: {(await reports.RangeAsync(manager, null, yearStart, latest, Granularity.Month)).Total.MtmEur:N2} EUR");
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT trader_id, SUM(CASE WHEN direction = 'sell' THEN quantity_tenths * price ELSE -quantity_tenths * price END)
            FROM trades WHERE delivery_day BETWEEN '{yearStart:yyyy-MM-dd}' AND '{latest:yyyy-MM-dd}' GROUP BY trader_id
            """;
        command.CommandTimeout = 0;
        await Measure.RunAsync("for comparison: plain GROUP BY over the raw trades, desk-wide year", 1, async () =>
        {
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync()) rows++;
            return rows;
        }, target: double.PositiveInfinity);
    }

    /// <summary>A deterministic day-ahead series for every Berlin hour of the range, imported once through the real price import.</summary>
    private static async Task EnsureReferencePricesAsync(ServiceProvider provider, string series, DateOnly from, DateOnly to)
    {
        if ((await provider.GetRequiredService<PriceService>().SeriesAsync()).Any(s => s.Series == series)) return;
        var random = new Random(2025);
        var file = Path.GetTempFileName();
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync("delivery_day,delivery_hour,price_eur_mwh");
            for (var day = from; day <= to; day = day.AddDays(1))
                foreach (var hour in BerlinTime.HoursOf(day))
                    await writer.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{hour},{random.Next(2_000, 17_000) / 100m:0.00}"));
        }
        var clock = Stopwatch.StartNew();
        var result = await provider.GetRequiredService<PriceImportService>().ImportFileAsync(file,
            new PriceImportRequest(series, "bench_prices.csv", ImportSource.CommandLine, new Caller("bench", true, null)));
        File.Delete(file);
        Console.WriteLine($"Imported {result.Inserted:N0} {series} prices in {clock.Elapsed.TotalMilliseconds:N0} ms.");
    }

    private static async Task ForgetDayMarksAsync(ServiceProvider provider)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM trade_day_marks");
    }
}
