using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using FlexPower.Core.Reports;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

/// <summary>
/// Hourly trades give the reports they gave before delivery periods existed: the API's JSON, the CSV and the terminal table
/// of the day, range and summary reports are compared byte for byte with what the release before them printed (recorded
/// from commit db1b764 in Fixtures/HourlyReports, with FLEXPOWER_RECORD_HOURLY_REPORTS=1), once what was added since is
/// taken out: the fields and columns of item 4, and the autumn day's 25th hour, the repeated 02:00 (<c>2 - 3 (2)</c>), which
/// no hourly trade can be in and the release before did not show. Covers an ordinary day, both clock-change days, prices
/// on some hours, the range and summary reports, and the desk.
/// </summary>
public sealed class HourlyReportGoldenTests : IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(Reference.RepositoryRoot, "FlexPower.Tests", "Fixtures", "HourlyReports");
    private static readonly bool Record = Environment.GetEnvironmentVariable("FLEXPOWER_RECORD_HOURLY_REPORTS") == "1";
    private static readonly string[] AddedHourFields = ["start", "end", "label", "buy_mwh", "sell_mwh", "net_mwh"];
    private static readonly string[] AddedReportFields = ["resolution"];

    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(DatabaseProvider.Sqlite);
        factory = new FlexPowerFactory(database);
        manager = factory.CreateApiClient();
        var csv = new ByteArrayContent(await File.ReadAllBytesAsync(Reference.File("trades", "epex_trades_20230220.csv")));
        csv.Headers.ContentType = new("text/csv");
        (await manager.PostAsync("/v1/trades/import?file_name=epex_trades_20230220.csv", csv)).EnsureSuccessStatusCode();
        var trades = new (string Id, string Direction, int Quantity, long Price, string Day, int Hour)[]
        {
            ("g1", "buy", 10, 7000, "2025-03-30", 1), ("g2", "sell", 4, 9050, "2025-03-30", 3), ("g3", "buy", 7, -1234, "2025-03-30", 23),
            ("g4", "buy", 10, 7000, "2025-10-26", 2), ("g5", "sell", 4, 9000, "2025-10-26", 2), ("g6", "sell", 3, 8333, "2025-10-26", 3),
            ("g7", "buy", 1, 1, "2025-10-26", 23), ("g8", "sell", 12, 4567, "2025-10-27", 0), ("g9", "buy", 5, 4000, "2025-10-27", 0),
        };
        foreach (var t in trades)
            (await manager.PostAsJsonAsync("/v1/trades", new
            {
                id = t.Id, price = t.Price, quantity = t.Quantity, direction = t.Direction, delivery_day = t.Day, delivery_hour = t.Hour,
                trader_id = "trader_9", execution_time = "2025-01-01T12:00:00Z",
            })).EnsureSuccessStatusCode();
        var prices = new StringContent("delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,100.00\n2025-03-30,1,66.66\n2025-03-30,3,-5.01\n2025-10-26,2,71.00\n2025-10-26,23,12.34\n2025-10-27,0,45.00\n");
        prices.Headers.ContentType = new("text/csv");
        (await manager.PostAsync("/v1/prices/import?series=day-ahead&file_name=prices.csv", prices)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task HourlyTrades_GiveTheReportsOfTheReleaseBeforePeriods_ByteForByte()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var outputs = new Dictionary<string, string>();
        var unpadded = new HashSet<string>();
        foreach (var (trader, day) in new[] { ("trader_2", "2023-02-28"), ("trader_9", "2025-03-30"), ("trader_9", "2025-10-26"), ("trader_9", "2025-10-27") })
            outputs[$"day_{trader}_{day}.json"] = Strip(await manager.GetStringAsync($"/v1/reports/pnl?trader_id={trader}&delivery_day={day}", cancellationToken));
        outputs["range_desk_month.json"] = await manager.GetStringAsync("/v1/reports/pnl/range?from=2023-02-01&to=2025-11-30&granularity=month", cancellationToken);
        outputs["range_trader_9_day.json"] = await manager.GetStringAsync("/v1/reports/pnl/range?trader_id=trader_9&from=2025-03-29&to=2025-03-31&granularity=day", cancellationToken);
        outputs["traders.json"] = await manager.GetStringAsync("/v1/reports/traders?from=2023-01-01&to=2025-12-31", cancellationToken);
        outputs["range_desk_week.csv"] = await (await manager.GetAsync("/reports/range.csv?from=2025-10-20&to=2025-11-02&granularity=week", cancellationToken)).Content.ReadAsStringAsync(cancellationToken);

        var reports = factory.Services.GetRequiredService<ReportService>();
        var caller = new Caller("admin", true, null);
        foreach (var (trader, day) in new[] { ("trader_2", "2023-02-28"), ("trader_9", "2025-03-30"), ("trader_9", "2025-10-26") })
        {
            var report = await reports.DayAsync(caller, trader, DateOnly.Parse(day), cancellationToken: cancellationToken);
            outputs[$"day_{trader}_{day}.csv"] = StripCsv(ReportCsv.ToText(stream => ReportCsv.Write(stream, report)));
            var table = ReportTable.Day(report, hideEmpty: false);
            if (table.Contains("2 - 3 (2)", StringComparison.Ordinal)) unpadded.Add($"day_{trader}_{day}.txt");
            outputs[$"day_{trader}_{day}.txt"] = Table(table);
            outputs[$"day_{trader}_{day}_hide_empty.txt"] = ReportTable.Day(report, hideEmpty: true);
        }
        var desk = await reports.DeskDayAsync(caller, new DateOnly(2025, 10, 26), cancellationToken: cancellationToken);
        outputs["desk_2025-10-26.json"] = Strip(JsonSerializer.Serialize(desk, Core.Common.ContractJson.Options));

        foreach (var (name, text) in outputs)
        {
            var file = Path.Combine(Folder, name);
            if (Record) await File.WriteAllTextAsync(file, text, cancellationToken);
            else
            {
                var before = await File.ReadAllTextAsync(file, cancellationToken);
                Assert.Equal(unpadded.Contains(name) ? Unpadded(before) : before, text);
            }
        }
    }

    /// <summary>The day report without the fields delivery periods added, serialized as the API does.</summary>
    private static string Strip(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var field in AddedReportFields) node.Remove(field);
        var hours = node["hours"]!.AsArray();
        foreach (var repeated in hours.Where(h => ((string)h!["label"]!).EndsWith(" (2)", StringComparison.Ordinal)).ToList()) hours.Remove(repeated);
        foreach (var hour in node["hours"]!.AsArray()) foreach (var field in AddedHourFields) hour!.AsObject().Remove(field);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string WithoutRepeatedHour(string text) =>
        string.Join('\n', text.Split('\n').Where(line => !line.StartsWith("2 - 3 (2)", StringComparison.Ordinal)));

    /// <summary>
    /// The terminal table without the repeated hour's row; where it had one, the first column was widened for its label, so
    /// the columns are compared without their padding (runs of spaces and the rules' dashes).
    /// </summary>
    private static string Table(string table) => table.Contains("2 - 3 (2)", StringComparison.Ordinal) ? Unpadded(WithoutRepeatedHour(table)) : table;

    private static string Unpadded(string text) => System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(text, " +", " "), "-{10,}", "--");

    /// <summary>The day CSV without the columns delivery periods added at its end.</summary>
    private static string StripCsv(string csv)
    {
        csv = WithoutRepeatedHour(csv);
        var lines = csv.Split('\n');
        var header = lines[0].Split(',');
        var keep = Array.FindIndex(header, h => AddedHourFields.Contains(h.Trim()));
        if (keep < 0) return csv;
        return string.Join('\n', lines.Select(l => l.Length == 0 ? l : string.Join(',', l.TrimEnd('\r').Split(',').Take(keep)) + (l.EndsWith('\r') ? "\r" : "")));
    }
}
