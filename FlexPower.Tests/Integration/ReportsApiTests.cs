using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

public abstract class ReportsApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;
    private HttpClient tia = default!;

    public async Task InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        factory = new FlexPowerFactory(database);
        manager = factory.CreateApiClient();
        (await manager.PostAsJsonAsync("/v1/users", new { user_name = "tia", password = "Trader-Passw0rd!", role = "Trader", trader_id = "trader_2" })).EnsureSuccessStatusCode();
        tia = factory.CreateApiClient("tia", "Trader-Passw0rd!");
        var csv = new ByteArrayContent(await File.ReadAllBytesAsync(Reference.File("flexpower", "epex_trades_20230220.csv")));
        csv.Headers.ContentType = new("text/csv");
        (await manager.PostAsync("/v1/trades/import?file_name=epex_trades_20230220.csv", csv)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    private static string Cash(JsonNode node, params string[] keys) =>
        new JsonObject(keys.Concat(["trade_count", "buy_mw", "sell_mw", "pnl_eur"]).Select(k => KeyValuePair.Create(k, node[k]?.DeepClone()))).ToJsonString();

    [SkippableFact]
    public async Task DayReport_ForTrader2_HasTheSampleNumbers_AndTheTerminalJsonIsIdentical()
    {
        var api = JsonNode.Parse(await tia.GetStringAsync("/v1/reports/pnl?delivery_day=2023-02-28"))!;

        Assert.Equal("trader_2", (string)api["trader_id"]!);
        Assert.Equal(24, api["hours"]!.AsArray().Count);
        // The cash figures (position, VWAP and MtM fields sit beside them and are checked with the reference prices).
        Assert.Equal("""{"hour":9,"trade_count":1,"buy_mw":57,"sell_mw":0,"pnl_eur":-44.46}""", Cash(api["hours"]![9]!, "hour"));
        Assert.Equal("""{"hour":20,"trade_count":1,"buy_mw":0,"sell_mw":18,"pnl_eur":6.12}""", Cash(api["hours"]![20]!, "hour"));
        Assert.Equal("""{"trade_count":2,"buy_mw":57,"sell_mw":18,"pnl_eur":-38.34}""", Cash(api["total"]!));
        Assert.Equal(JsonValueKind.Number, api["total"]!["pnl_eur"]!.GetValueKind());

        var (exit, terminal, error) = await AppProcess.RunCommandAsync(database, "report", "--trader", "trader_2", "--day", "2023-02-28", "--format", "json");
        Assert.True(exit == 0, error);
        Assert.True(JsonNode.DeepEquals(api, JsonNode.Parse(terminal)), terminal);
    }

    [SkippableFact]
    public async Task RangeReport_DeskWide_ForManagers_WithCumulativePnl()
    {
        var range = JsonNode.Parse(await manager.GetStringAsync("/v1/reports/pnl/range?from=2023-02-27&to=2023-03-01&granularity=day"))!;
        Assert.Null((string?)range["trader_id"]);
        Assert.Equal(["2023-02-27", "2023-02-28", "2023-03-01"], range["periods"]!.AsArray().Select(p => (string)p!["start"]!));
        Assert.Equal(-23.94m, (decimal)range["periods"]![1]!["pnl_eur"]!);
        Assert.Equal(-23.94m, (decimal)range["periods"]![2]!["cumulative_pnl_eur"]!);
        Assert.Equal(3, (int)range["total"]!["trade_count"]!);
    }

    [SkippableFact]
    public async Task TraderSummary_IsForManagers()
    {
        var summary = JsonNode.Parse(await manager.GetStringAsync("/v1/reports/traders?from=2023-02-01&to=2023-02-28"))!;
        Assert.Equal(["trader_1", "trader_2"], summary["traders"]!.AsArray().Select(t => (string)t!["trader_id"]!));
        Assert.Equal("2023-02-28", (string)summary["traders"]![1]!["worst_day"]!["day"]!);
        await ApiAssert.ErrorAsync(await tia.GetAsync("/v1/reports/traders?from=2023-02-01&to=2023-02-28"), HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task Trader_AskingForAnotherTrader_Gets403() =>
        await ApiAssert.ErrorAsync(await tia.GetAsync("/v1/reports/pnl?trader_id=trader_1&delivery_day=2023-02-28"), HttpStatusCode.Forbidden);

    [SkippableTheory]
    [InlineData("/v1/reports/pnl?trader_id=trader_2", "delivery_day is required")]
    [InlineData("/v1/reports/pnl?trader_id=trader_2&delivery_day=2023-02-30", "delivery_day must be a real date")]
    [InlineData("/v1/reports/pnl?delivery_day=2023-02-28", "trader_id is required")]
    [InlineData("/v1/reports/pnl/range?from=2023-03-01&to=2023-02-01", "is after to")]
    [InlineData("/v1/reports/pnl/range?from=2015-01-01&to=2023-02-01", "longer than 5 years")]
    [InlineData("/v1/reports/pnl/range?from=9999-12-01&to=9999-12-31&granularity=month", "from must be between 1900-01-01 and 2999-12-31")]
    [InlineData("/v1/reports/pnl/range?from=0001-01-01&to=0001-01-31&granularity=week", "from must be between 1900-01-01 and 2999-12-31")]
    [InlineData("/v1/reports/pnl?trader_id=trader_1&delivery_day=9999-12-31", "delivery_day must be between 1900-01-01 and 2999-12-31")]
    [InlineData("/v1/reports/traders?from=2023-01-01&to=9999-12-31", "to must be between 1900-01-01 and 2999-12-31")]
    [InlineData("/v1/reports/pnl/range?from=2023-01-01&to=2023-02-01&granularity=hour", "granularity must be day, week or month")]
    [InlineData("/v1/reports/pnl/range?to=2023-02-01", "from is required")]
    [InlineData("/v1/reports/traders?from=2023-01-01", "to is required")]
    public async Task BadParameters_Return400WithTheReason(string url, string reason) =>
        Assert.Contains(reason, await ApiAssert.ErrorAsync(await manager.GetAsync(url), HttpStatusCode.BadRequest));
}

public sealed class ReportsApiTests_Sqlite() : ReportsApiTests(DatabaseProvider.Sqlite);

public sealed class ReportsApiTests_Postgres() : ReportsApiTests(DatabaseProvider.Postgres);
