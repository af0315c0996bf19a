using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>
/// Sub-hour periods from entry to report, on both providers: quarter-hour, half-hour and block trades posted through the API and an
/// EPEX SPOT export imported for a trader, read back per quarter-hour and per hour on the autumn clock-change day (hand-computed).
/// </summary>
public abstract class DeliveryPeriodsEndToEndTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        factory = new FlexPowerFactory(database);
        manager = factory.CreateApiClient();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task PostAsync(string id, string direction, decimal quantity, long price, string start, string end) =>
        (await manager.PostAsJsonAsync("/v1/trades", new
        {
            id, price, quantity, direction, delivery_start = start, delivery_end = end, trader_id = "trader_1", execution_time = "2025-10-25T12:00:00Z",
        }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

    private async Task<JsonNode> DayAsync(string trader, string day, string resolution) => JsonNode.Parse(await manager.GetStringAsync(
        $"/v1/reports/pnl?trader_id={trader}&delivery_day={day}&resolution={resolution}", TestContext.Current.CancellationToken))!;

    private static decimal Number(JsonNode row, string field) => (decimal)row[field]!;

    [Fact]
    public async Task SubHourTrades_ReportPerQuarterAndPerHour_WithTheSameDayTotals()
    {
        // The repeated 02:15–02:30 (01:15Z): buy 10.5 MW at 80.00 → 2.625 MWh, −210.00 EUR.
        await PostAsync("q", "buy", 10.5m, 8000, "2025-10-26T01:15:00Z", "2025-10-26T01:30:00Z");
        // The first 02:00–02:30 (00:00Z): sell 4 MW at 90.00 → 2 MWh, +180.00 EUR.
        await PostAsync("h", "sell", 4m, 9000, "2025-10-26T00:00:00Z", "2025-10-26T00:30:00Z");
        // 23:00–02:00 local across midnight: buy 2 MW at 50.00 → 2 MWh (−100.00) on the 26th, 4 MWh (−200.00) on the 27th.
        await PostAsync("b", "buy", 2m, 5000, "2025-10-26T22:00:00Z", "2025-10-27T01:00:00Z");

        var quarters = await DayAsync("trader_1", "2025-10-26", "PT15M");
        var rows = quarters["hours"]!.AsArray();
        Assert.Equal(100, rows.Count);
        var repeated = rows[13]!;
        Assert.Equal(("2025-10-26T01:15:00Z", 10.5m, 2.625m, -210m), ((string)repeated["start"]!, Number(repeated, "buy_mw"), Number(repeated, "buy_mwh"), Number(repeated, "pnl_eur")));
        Assert.EndsWith("(2)", (string)repeated["label"]!);
        Assert.Equal((4m, 1m, 90m), (Number(rows[8]!, "sell_mw"), Number(rows[8]!, "sell_mwh"), Number(rows[8]!, "pnl_eur")));
        Assert.Equal((4m, 90m), (Number(rows[9]!, "sell_mw"), Number(rows[9]!, "pnl_eur")));
        Assert.Equal(0m, Number(rows[10]!, "sell_mw"));
        Assert.Equal((2m, 0.5m, -25m), (Number(rows[99]!, "buy_mw"), Number(rows[99]!, "buy_mwh"), Number(rows[99]!, "pnl_eur")));

        var hours = await DayAsync("trader_1", "2025-10-26", "PT60M");
        var hourRows = hours["hours"]!.AsArray();
        Assert.Equal(25, hourRows.Count);
        Assert.Equal((2, 2m, 180m), ((int)hourRows[2]!["hour"]!, Number(hourRows[2]!, "sell_mw"), Number(hourRows[2]!, "pnl_eur")));
        Assert.Equal((2, 2.625m, -210m), ((int)hourRows[3]!["hour"]!, Number(hourRows[3]!, "buy_mw"), Number(hourRows[3]!, "pnl_eur")));
        Assert.Equal((23, 2m, -100m), ((int)hourRows[24]!["hour"]!, Number(hourRows[24]!, "buy_mw"), Number(hourRows[24]!, "pnl_eur")));

        Assert.Equal(quarters["total"]!.ToJsonString(), hours["total"]!.ToJsonString());
        Assert.Equal((3, -130m), ((int)hours["total"]!["trade_count"]!, Number(hours["total"]!, "pnl_eur")));

        // The block's other two hours belong to the 27th's report, though the trade is the 26th's (its start's day).
        var next = await DayAsync("trader_1", "2025-10-27", "PT60M");
        Assert.Equal((-200m, 0), (Number(next["total"]!, "pnl_eur"), (int)next["total"]!["trade_count"]!));
        Assert.Equal((2m, 2m, 0m), (Number(next["hours"]![0]!, "buy_mw"), Number(next["hours"]![1]!, "buy_mw"), Number(next["hours"]![2]!, "buy_mw")));
    }

    [Fact]
    public async Task TheEpexSample_ImportsForATrader_AndItsDayIsTheSameAtEveryResolution()
    {
        var csv = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(Reference.RepositoryRoot, "docs", "samples", "Continuous_Trades-DE-20251026.csv"), TestContext.Current.CancellationToken));
        csv.Headers.ContentType = new("text/csv");
        var imported = JsonNode.Parse(await (await manager.PostAsync("/v1/trades/import?file_name=Continuous_Trades-DE-20251026.csv&trader_id=trader_2", csv,
            TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal((9, 0), ((int)imported["inserted"]!, (int)imported["rejected_count"]!));

        var totals = new List<string>();
        foreach (var resolution in new[] { "PT15M", "PT30M", "PT60M" })
            totals.Add((await DayAsync("trader_2", "2025-10-26", resolution))["total"]!.ToJsonString());
        Assert.Single(totals.Distinct());

        // The repeated 02:15–02:30: row 9100000003 bought 3 MW at 78.05 (0.75 MWh, −58.5375 EUR) and the hour product
        // 9100000006 sold 7.5 MW at 81.25 over the whole repeated hour (1.875 MWh of it here, +152.34375 EUR).
        var repeated = (await DayAsync("trader_2", "2025-10-26", "PT15M"))["hours"]![13]!;
        Assert.Equal((3m, 0.75m, 7.5m, 1.875m, 93.80625m),
            (Number(repeated, "buy_mw"), Number(repeated, "buy_mwh"), Number(repeated, "sell_mw"), Number(repeated, "sell_mwh"), Number(repeated, "pnl_eur")));
    }
}

public sealed class DeliveryPeriodsEndToEndTests_Sqlite() : DeliveryPeriodsEndToEndTests(DatabaseProvider.Sqlite);

public sealed class DeliveryPeriodsEndToEndTests_Postgres() : DeliveryPeriodsEndToEndTests(DatabaseProvider.Postgres);
