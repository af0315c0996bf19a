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

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        factory = new FlexPowerFactory(database);
        manager = factory.CreateApiClient();
        (await manager.PostAsJsonAsync("/v1/users", new { user_name = "tia", password = "Trader-Passw0rd!", role = "Trader", trader_id = "trader_2" })).EnsureSuccessStatusCode();
        tia = factory.CreateApiClient("tia", "Trader-Passw0rd!");
        var csv = new ByteArrayContent(await File.ReadAllBytesAsync(Reference.File("trades", "epex_trades_20230220.csv")));
        csv.Headers.ContentType = new("text/csv");
        (await manager.PostAsync("/v1/trades/import?file_name=epex_trades_20230220.csv", csv)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task DayReport_ForTrader2_HasTheSampleNumbers_AndTheTerminalJsonIsIdentical()
    {
        var api = JsonNode.Parse(await tia.GetStringAsync("/v1/reports/pnl?delivery_day=2023-02-28", TestContext.Current.CancellationToken))!;

        Assert.Equal("trader_2", (string)api["trader_id"]!);
        Assert.Equal(24, api["hours"]!.AsArray().Count);
        Assert.Equal("""{"hour":9,"trade_count":1,"buy_mw":57,"sell_mw":0,"pnl_eur":-44.46,"net_mw":57,"matched_mw":0,"buy_vwap_eur_mwh":0.78,"sell_vwap_eur_mwh":null,"ref_price_eur_mwh":null,"mtm_eur":null,"start":"2023-02-28T08:00:00Z","end":"2023-02-28T09:00:00Z","label":"09:00\u201310:00","buy_mwh":57,"sell_mwh":0,"net_mwh":57}""", api["hours"]![9]!.ToJsonString());
        Assert.Equal("""{"hour":20,"trade_count":1,"buy_mw":0,"sell_mw":18,"pnl_eur":6.12,"net_mw":-18,"matched_mw":0,"buy_vwap_eur_mwh":null,"sell_vwap_eur_mwh":0.34,"ref_price_eur_mwh":null,"mtm_eur":null,"start":"2023-02-28T19:00:00Z","end":"2023-02-28T20:00:00Z","label":"20:00\u201321:00","buy_mwh":0,"sell_mwh":18,"net_mwh":-18}""", api["hours"]![20]!.ToJsonString());
        Assert.Equal("PT60M", (string)api["resolution"]!);
        Assert.Equal("""{"trade_count":2,"buy_mw":57,"sell_mw":18,"pnl_eur":-38.34,"net_mw":39,"matched_mw":0,"buy_vwap_eur_mwh":0.78,"sell_vwap_eur_mwh":0.34,"mtm_eur":null,"hours_without_price":2}""", api["total"]!.ToJsonString());
        Assert.Equal(JsonValueKind.Number, api["total"]!["pnl_eur"]!.GetValueKind());

        var (exit, terminal, error) = await AppProcess.RunCommandAsync(database, "report", "--trader", "trader_2", "--day", "2023-02-28", "--format", "json");
        Assert.True(exit == 0, error);
        Assert.True(JsonNode.DeepEquals(api, JsonNode.Parse(terminal)), terminal);
    }

    private async Task ImportPricesAsync(HttpClient client, string series, string csv, HttpStatusCode expected = HttpStatusCode.OK, string fileName = "prices.csv")
    {
        var body = new StringContent(csv);
        body.Headers.ContentType = new("text/csv");
        var response = await client.PostAsync($"/v1/prices/import?series={series}&file_name={fileName}", body);
        Assert.True(response.StatusCode == expected, await response.Content.ReadAsStringAsync());
    }

    private const string DoneMeansPrices = "delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,100.00\n2023-02-28,20,80.00\n";

    [Fact]
    public async Task DayReport_WithReferencePrices_HasPositionVwapAndMtm_AndTheTerminalJsonIsIdentical()
    {
        await ImportPricesAsync(manager, "day-ahead", DoneMeansPrices);

        var api = JsonNode.Parse(await tia.GetStringAsync("/v1/reports/pnl?delivery_day=2023-02-28", TestContext.Current.CancellationToken))!;

        Assert.Equal("day-ahead", (string)api["reference_series"]!);
        var (h9, h20, total) = (api["hours"]![9]!, api["hours"]![20]!, api["total"]!);
        Assert.Equal((57L, 0.78m, 100.00m, 5655.54m), ((long)h9["net_mw"]!, (decimal)h9["buy_vwap_eur_mwh"]!, (decimal)h9["ref_price_eur_mwh"]!, (decimal)h9["mtm_eur"]!));
        Assert.Equal((-18L, 0.34m, 80.00m, -1433.88m), ((long)h20["net_mw"]!, (decimal)h20["sell_vwap_eur_mwh"]!, (decimal)h20["ref_price_eur_mwh"]!, (decimal)h20["mtm_eur"]!));
        Assert.Equal((4221.66m, 0, 39L, 0L), ((decimal)total["mtm_eur"]!, (int)total["hours_without_price"]!, (long)total["net_mw"]!, (long)total["matched_mw"]!));
        Assert.Null(api["hours"]![10]!["mtm_eur"]); // an untraded hour without a price

        var (exit, terminal, error) = await AppProcess.RunCommandAsync(database, "report", "--trader", "trader_2", "--day", "2023-02-28", "--format", "json");
        Assert.True(exit == 0, error);
        Assert.True(JsonNode.DeepEquals(api, JsonNode.Parse(terminal)), terminal);

        var (tableExit, table, _) = await AppProcess.RunCommandAsync(database, "report", "--trader", "trader_2", "--day", "2023-02-28", "--hide-empty");
        Assert.Equal(0, tableExit);
        Assert.Matches(@"9 - 10\s+1\s+57\s+0\s+-44\.46\s+\+57\s+0\s+0\.78\s+n/a\s+100\.00\s+\+5,655\.54", table);
        Assert.Matches(@"Total\s+2\s+57\s+18\s+-38\.34\s+\+39\s+0\s+0\.78\s+0\.34\s+\+4,221\.66", table);
    }

    [Fact]
    public async Task Series_PicksTheReferenceSeries_AndAnUnknownOneLeavesMtmEmpty()
    {
        await ImportPricesAsync(manager, "id3", "delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,1.00\n2023-02-28,20,1.00\n");

        var id3 = JsonNode.Parse(await tia.GetStringAsync("/v1/reports/pnl?delivery_day=2023-02-28&series=id3", TestContext.Current.CancellationToken))!;
        Assert.Equal(((decimal)id3["total"]!["pnl_eur"]!) + 39 * 1.00m, (decimal)id3["total"]!["mtm_eur"]!);
        var none = JsonNode.Parse(await tia.GetStringAsync("/v1/reports/pnl?delivery_day=2023-02-28&series=nothing-here", TestContext.Current.CancellationToken))!;
        Assert.Null(none["total"]!["mtm_eur"]);
        Assert.Equal(2, (int)none["total"]!["hours_without_price"]!);
        Assert.Contains("is not a valid name", await ApiAssert.ErrorAsync(await tia.GetAsync("/v1/reports/pnl?delivery_day=2023-02-28&series=Day%20Ahead", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task RangeAndSummary_CarryNetMwAndMtm()
    {
        await ImportPricesAsync(manager, "day-ahead", DoneMeansPrices);

        var range = JsonNode.Parse(await tia.GetStringAsync("/v1/reports/pnl/range?from=2023-02-27&to=2023-03-01&granularity=day", TestContext.Current.CancellationToken))!;
        Assert.Equal((39L, 4221.66m, 0), ((long)range["periods"]![1]!["net_mw"]!, (decimal)range["periods"]![1]!["mtm_eur"]!, (int)range["periods"]![1]!["hours_without_price"]!));
        Assert.Equal(4221.66m, (decimal)range["total"]!["mtm_eur"]!);

        var summary = JsonNode.Parse(await manager.GetStringAsync("/v1/reports/traders?from=2023-02-01&to=2023-02-28", TestContext.Current.CancellationToken))!;
        var trader2 = summary["traders"]!.AsArray().Single(t => (string)t!["trader_id"]! == "trader_2")!;
        Assert.Equal((39L, 4221.66m), ((long)trader2["net_mw"]!, (decimal)trader2["mtm_eur"]!));

    }

    [Fact]
    public async Task Prices_ImportIsForManagers_ReadingIsForEveryone()
    {
        await ImportPricesAsync(tia, "day-ahead", DoneMeansPrices, HttpStatusCode.Forbidden);
        await ImportPricesAsync(manager, "day-ahead", DoneMeansPrices);

        var prices = JsonNode.Parse(await tia.GetStringAsync("/v1/prices?series=day-ahead&from=2023-02-28&to=2023-02-28", TestContext.Current.CancellationToken))!;
        Assert.Equal("""[{"delivery_day":"2023-02-28","delivery_hour":9,"price_eur_mwh":100.00,"start":"2023-02-28T08:00:00Z","end":"2023-02-28T09:00:00Z"},{"delivery_day":"2023-02-28","delivery_hour":20,"price_eur_mwh":80.00,"start":"2023-02-28T19:00:00Z","end":"2023-02-28T20:00:00Z"}]""", prices["hours"]!.ToJsonString());
        var defaulted = JsonNode.Parse(await tia.GetStringAsync("/v1/prices?from=2023-02-28&to=2023-02-28", TestContext.Current.CancellationToken))!;
        Assert.Equal("day-ahead", (string)defaulted["series"]!);
        Assert.Contains("from is required", await ApiAssert.ErrorAsync(await tia.GetAsync("/v1/prices?series=day-ahead", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));
        var anonymous = await factory.CreateApiClient(null, null).GetAsync("/v1/prices?from=2023-02-28&to=2023-02-28", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task PriceImport_ApiReportsRejectedLinesAndRepeats_AndABadHeaderIs400()
    {
        var body = new StringContent("delivery_day,delivery_hour,price_eur_mwh\n2023-03-26,2,50.00\n2023-03-26,3,1e3\n2023-03-26,4,12345.00\n2023-03-26,5,-12.5\n");
        body.Headers.ContentType = new("text/csv");
        var first = JsonNode.Parse(await (await manager.PostAsync("/v1/prices/import?series=day-ahead&file_name=spring.csv", body, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(("imported", 1, 3), ((string)first["status"]!, (int)first["inserted"]!, (int)first["rejected_count"]!));
        Assert.Contains("does not exist on 2023-03-26", (string)first["rejected"]![0]!["reason"]!);

        var again = new StringContent("delivery_day,delivery_hour,price_eur_mwh\n2023-03-26,2,50.00\n2023-03-26,3,1e3\n2023-03-26,4,12345.00\n2023-03-26,5,-12.5\n");
        again.Headers.ContentType = new("text/csv");
        var repeat = JsonNode.Parse(await (await manager.PostAsync("/v1/prices/import?series=day-ahead&file_name=spring.csv", again, TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal(("already_imported", 0), ((string)repeat["status"]!, (int)repeat["inserted"]!));

        var bad = new StringContent("day;hour;price\n2023-02-28;9;100\n");
        bad.Headers.ContentType = new("text/csv");
        Assert.Contains("delivery_day, delivery_hour, price_eur_mwh", await ApiAssert.ErrorAsync(await manager.PostAsync("/v1/prices/import?series=day-ahead", bad, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));
        Assert.Contains("series is required", await ApiAssert.ErrorAsync(await manager.PostAsync("/v1/prices/import", new StringContent("x"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));
        var ledger = JsonNode.Parse(await manager.GetStringAsync("/v1/imports", TestContext.Current.CancellationToken))!.AsArray();
        Assert.Equal(["prices", "prices", "prices"], ledger.Select(i => (string)i!["kind"]!).Take(3));
    }

    [Fact]
    public async Task RangeReport_DeskWide_ForManagers_WithCumulativePnl()
    {
        var range = JsonNode.Parse(await manager.GetStringAsync("/v1/reports/pnl/range?from=2023-02-27&to=2023-03-01&granularity=day", TestContext.Current.CancellationToken))!;
        Assert.Null((string?)range["trader_id"]);
        Assert.Equal(["2023-02-27", "2023-02-28", "2023-03-01"], range["periods"]!.AsArray().Select(p => (string)p!["start"]!));
        Assert.Equal(-23.94m, (decimal)range["periods"]![1]!["pnl_eur"]!);
        Assert.Equal(-23.94m, (decimal)range["periods"]![2]!["cumulative_pnl_eur"]!);
        Assert.Equal(3, (int)range["total"]!["trade_count"]!);
    }

    [Fact]
    public async Task TraderSummary_IsForManagers()
    {
        var summary = JsonNode.Parse(await manager.GetStringAsync("/v1/reports/traders?from=2023-02-01&to=2023-02-28", TestContext.Current.CancellationToken))!;
        Assert.Equal(["trader_1", "trader_2"], summary["traders"]!.AsArray().Select(t => (string)t!["trader_id"]!));
        Assert.Equal("2023-02-28", (string)summary["traders"]![1]!["worst_day"]!["day"]!);
        await ApiAssert.ErrorAsync(await tia.GetAsync("/v1/reports/traders?from=2023-02-01&to=2023-02-28", TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Trader_AskingForAnotherTrader_Gets403() =>
        await ApiAssert.ErrorAsync(await tia.GetAsync("/v1/reports/pnl?trader_id=trader_1&delivery_day=2023-02-28", TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);

    [Theory]
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
        Assert.Contains(reason, await ApiAssert.ErrorAsync(await manager.GetAsync(url, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));
}

public sealed class ReportsApiTests_Sqlite() : ReportsApiTests(DatabaseProvider.Sqlite);

public sealed class ReportsApiTests_Postgres() : ReportsApiTests(DatabaseProvider.Postgres);
