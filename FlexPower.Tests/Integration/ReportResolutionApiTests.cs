using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>GET /v1/reports/pnl?resolution= on both providers: hourly trades through the API, read per quarter, half-hour and hour.</summary>
public abstract class ReportResolutionApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        factory = new FlexPowerFactory(database);
        manager = factory.CreateApiClient();
        foreach (var (id, direction, quantity, price, hour) in new[] { ("r1", "buy", 10, 7000L, 2), ("r2", "sell", 4, 9000L, 2), ("r3", "sell", 3, 8333L, 3) })
            (await manager.PostAsJsonAsync("/v1/trades", new
            {
                id, price, quantity, direction, delivery_day = "2025-10-26", delivery_hour = hour, trader_id = "trader_1", execution_time = "2025-10-25T12:00:00Z",
            })).EnsureSuccessStatusCode();
        var prices = new StringContent("delivery_day,delivery_hour,price_eur_mwh\n2025-10-26,2,79.45\n");
        prices.Headers.ContentType = new("text/csv");
        (await manager.PostAsync("/v1/prices/import?series=day-ahead&file_name=prices.csv", prices)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task<JsonNode> DayAsync(string? resolution) => JsonNode.Parse(await manager.GetStringAsync(
        $"/v1/reports/pnl?trader_id=trader_1&delivery_day=2025-10-26{(resolution is null ? "" : "&resolution=" + resolution)}", TestContext.Current.CancellationToken))!;

    [Theory]
    [InlineData("PT15M", 100, 8, 4)]
    [InlineData("PT30M", 50, 4, 2)]
    [InlineData("PT60M", 25, 2, 1)]
    [InlineData(null, 25, 2, 1)]
    public async Task TheAutumnDay_AtEachResolution_HasItsPeriods_TheSameMwAndTotals(string? resolution, int periods, int first, int perHour)
    {
        var report = await DayAsync(resolution);

        Assert.Equal(resolution ?? "PT60M", (string)report["resolution"]!);
        var hours = report["hours"]!.AsArray();
        Assert.Equal(periods, hours.Count);
        // The first 02:00: bought 10, sold 4 → net 6 MW in each of its periods; each period holds 1/perHour of the hour's energy and cash.
        var row = hours[first]!;
        Assert.Equal((10m, 4m, 6m, 6m / perHour, -340m / perHour, 79.45m), ((decimal)row["buy_mw"]!, (decimal)row["sell_mw"]!, (decimal)row["net_mw"]!, (decimal)row["net_mwh"]!, (decimal)row["pnl_eur"]!, (decimal)row["ref_price_eur_mwh"]!));
        Assert.Equal(2, (int)row["trade_count"]!);
        Assert.Equal(0, (int)hours[first + 1]!["trade_count"]!); // the hour's trades start in its first period
        Assert.Equal("2025-10-26T00:00:00Z", (string)row["start"]!);
        // The repeated 02:00 (after 4 quarters, 2 half-hours or 1 hour) is empty and unpriced; hour 3 (sold 3 MW at 83.33) follows it.
        var repeated = hours[first + perHour]!;
        Assert.EndsWith(" (2)", (string)repeated["label"]!);
        Assert.Null(repeated["ref_price_eur_mwh"]);
        var three = hours[first + 2 * perHour]!;
        Assert.Equal((3, -3m, 249.99m / perHour), ((int)three["hour"]!, (decimal)three["net_mw"]!, (decimal)three["pnl_eur"]!));
        // The day's totals: cash −90.01, MtM −90.01 + 6 × 79.45 = 386.69, hour 3 without a price; the same at every resolution.
        Assert.Equal("""{"trade_count":3,"buy_mw":10,"sell_mw":7,"pnl_eur":-90.01,"net_mw":3,"matched_mw":4,"buy_vwap_eur_mwh":70,"sell_vwap_eur_mwh":87.14,"mtm_eur":386.69,"hours_without_price":1}""",
            report["total"]!.ToJsonString());
    }

    [Theory]
    [InlineData("PT5M")]
    [InlineData("60")]
    [InlineData("P1D")]
    public async Task AnotherResolution_IsA400NamingTheValues(string resolution)
    {
        var response = await manager.GetAsync($"/v1/reports/pnl?trader_id=trader_1&delivery_day=2025-10-26&resolution={resolution}", TestContext.Current.CancellationToken);

        var message = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("resolution must be PT15M, PT30M or PT60M", message);
        Assert.Contains(resolution, message);
    }

    [Fact]
    public async Task TheTerminal_PrintsTheApisDocument_AndItsTableAtTheResolution()
    {
        var api = await DayAsync("PT15M");

        var (exit, json, error) = await AppProcess.RunCommandAsync(database, "report", "--trader", "trader_1", "--day", "2025-10-26", "--resolution", "PT15M", "--format", "json");
        Assert.True(exit == 0, error);
        Assert.True(JsonNode.DeepEquals(api, JsonNode.Parse(json)), json);

        var (tableExit, table, _) = await AppProcess.RunCommandAsync(database, "report", "--trader", "trader_1", "--day", "2025-10-26", "--resolution", "PT15M", "--hide-empty");
        Assert.Equal(0, tableExit);
        Assert.Matches(@"02:00–02:15\s+2\s+10\s+4\s+-85\.00\s+\+6", table);
        Assert.Matches(@"03:00–03:15\s+1\s+0\s+3\s+\+62\.50", table);
        Assert.DoesNotContain("(2)", table); // the repeated hour had no trades

        var (badExit, _, badError) = await AppProcess.RunCommandAsync(database, "report", "--trader", "trader_1", "--day", "2025-10-26", "--resolution", "hourly");
        Assert.Equal(2, badExit);
        Assert.Contains("--resolution must be PT15M, PT30M or PT60M", badError);
    }
}

public sealed class ReportResolutionApiTests_Sqlite() : ReportResolutionApiTests(DatabaseProvider.Sqlite);

public sealed class ReportResolutionApiTests_Postgres() : ReportResolutionApiTests(DatabaseProvider.Postgres);
