using System.Diagnostics;
using FlexPower.Core.Accounts;
using FlexPower.Core;
using FlexPower.Core.Data;
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

        await Measure.RunAsync("day report, one trader, one day", iterations, async () =>
            (await reports.DayAsync(manager, Trader(), latest.AddDays(-random.Next(0, 360)))).Total.TradeCount, target: 20);
        await Measure.RunAsync("range report, one trader, one year by day", iterations, async () =>
            (await reports.RangeAsync(manager, Trader(), yearStart, latest, Granularity.Day)).Total.TradeCount, target: 50);
        await Measure.RunAsync("trader summary, all traders, one year", iterations, async () =>
            (await reports.TradersAsync(manager, yearStart, latest)).Traders.Count, target: 100);

        await using var db = await provider.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT trader_id, SUM(CASE WHEN direction = 'sell' THEN quantity * price ELSE -quantity * price END)
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
}
