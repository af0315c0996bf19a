using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>Issue 19's contract on both providers: a trade's delivery period, 0.1 MW quantities and product, by POST /v1/trades and by file.</summary>
public abstract class TradePeriodsApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        factory = new FlexPowerFactory(database);
        manager = factory.CreateApiClient();
        (await manager.PostAsJsonAsync("/v1/users", new { user_name = "tom", password = "Trader-Passw0rd!", role = "Trader", trader_id = "trader_1" })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    private static string Trade(string id, string period, string quantity = "12", string extra = "") =>
        $$"""{"id":"{{id}}","price":12000,"quantity":{{quantity}},"direction":"buy",{{period}},"trader_id":"trader_1","execution_time":"2025-05-31T10:00:00Z"{{extra}}}""";

    private static string Period(string start, string end) => $"\"delivery_start\":\"{start}\",\"delivery_end\":\"{end}\"";

    private Task<HttpResponseMessage> PostAsync(string body) =>
        manager.PostAsync("/v1/trades", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private async Task<string> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    private async Task<JsonArray> TradesAsync(string query = "") =>
        JsonNode.Parse(await OkAsync(await manager.GetAsync("/v1/trades" + query, TestContext.Current.CancellationToken)))!.AsArray();

    [Fact]
    public async Task QuarterHour_IsStoredAndReturned_WithItsPeriodProductAndDecimalQuantity()
    {
        var body = await OkAsync(await PostAsync(Trade("q1", Period("2025-06-01T12:15:00Z", "2025-06-01T12:30:00Z"), "12.5", ",\"product\":\"XBID_Quarter_Hour_Power\"")));
        const string expected = """{"id":"q1","price":12000,"quantity":12.5,"direction":"buy","delivery_day":"2025-06-01","delivery_hour":14,"trader_id":"trader_1","execution_time":"2025-05-31T10:00:00Z","delivery_start":"2025-06-01T12:15:00Z","delivery_end":"2025-06-01T12:30:00Z","product":"XBID_Quarter_Hour_Power"}""";
        Assert.Equal(expected, JsonNode.Parse(body)!.ToJsonString());
        Assert.Equal(expected, Assert.Single(await TradesAsync("?delivery_day=2025-06-01"))!.ToJsonString());
    }

    [Fact]
    public async Task HourlyForm_AndPeriodForm_NamingTheSameHour_AreTheSameTrade()
    {
        var hourly = await OkAsync(await PostAsync(Trade("h1", "\"delivery_day\":\"2025-06-01\",\"delivery_hour\":14")));
        Assert.EndsWith("\"delivery_start\":\"2025-06-01T12:00:00Z\",\"delivery_end\":\"2025-06-01T13:00:00Z\",\"product\":null}", JsonNode.Parse(hourly)!.ToJsonString());
        Assert.Contains("\"quantity\":12,", hourly); // an integer quantity prints as it always did
        // The same trade sent again by its period is a safe retry; both forms at once naming it too.
        await OkAsync(await PostAsync(Trade("h1", Period("2025-06-01T14:00:00+02:00", "2025-06-01T15:00:00+02:00"))));
        await OkAsync(await PostAsync(Trade("h1", "\"delivery_day\":\"2025-06-01\",\"delivery_hour\":14," + Period("2025-06-01T12:00:00", "2025-06-01T13:00:00"))));
        Assert.Single(await TradesAsync());
    }

    [Fact]
    public async Task RetryWithAnotherPeriodOrProduct_IsAConflictNamingTheField()
    {
        await OkAsync(await PostAsync(Trade("c1", Period("2025-06-01T12:15:00Z", "2025-06-01T12:30:00Z"))));
        Assert.Contains("different delivery_end", await ApiAssert.ErrorAsync(await PostAsync(Trade("c1", Period("2025-06-01T12:15:00Z", "2025-06-01T12:45:00Z"))), HttpStatusCode.Conflict));
        Assert.Contains("different product", await ApiAssert.ErrorAsync(await PostAsync(Trade("c1", Period("2025-06-01T12:15:00Z", "2025-06-01T12:30:00Z"), extra: ",\"product\":\"P\"")), HttpStatusCode.Conflict));
        Assert.Contains("different quantity", await ApiAssert.ErrorAsync(await PostAsync(Trade("c1", Period("2025-06-01T12:15:00Z", "2025-06-01T12:30:00Z"), "12.1")), HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task BlockAcrossMidnight_BelongsToTheDayItStarts()
    {
        var body = await OkAsync(await PostAsync(Trade("b1", Period("2025-06-01T20:00:00Z", "2025-06-02T02:00:00Z"), "0.1", ",\"product\":\"Block 22-04\"")));
        Assert.Equal(("2025-06-01", 22), ((string)JsonNode.Parse(body)!["delivery_day"]!, (int)JsonNode.Parse(body)!["delivery_hour"]!));
        Assert.Single(await TradesAsync("?delivery_day=2025-06-01"));
        Assert.Empty(await TradesAsync("?delivery_day=2025-06-02"));
    }

    [Fact]
    public async Task AutumnDay_TheSecond0200_IsAPeriodOfItsOwn_BesidesHour2()
    {
        await OkAsync(await PostAsync(Trade("second", Period("2025-10-26T01:00:00Z", "2025-10-26T02:00:00Z"))));
        await OkAsync(await PostAsync(Trade("first", "\"delivery_day\":\"2025-10-26\",\"delivery_hour\":2")));
        var day = await TradesAsync("?delivery_day=2025-10-26");
        Assert.Equal([("first", 2, "2025-10-26T00:00:00Z"), ("second", 2, "2025-10-26T01:00:00Z")],
            day.Select(t => ((string)t!["id"]!, (int)t["delivery_hour"]!, (string)t["delivery_start"]!)));
    }

    [Theory]
    [InlineData("\"delivery_start\":\"2025-06-01T12:10:00Z\",\"delivery_end\":\"2025-06-01T12:25:00Z\"", "12", "delivery_start must be on the quarter-hour grid")]
    [InlineData("\"delivery_start\":\"2025-06-01T12:15:00Z\",\"delivery_end\":\"2025-06-01T12:15:00Z\"", "12", "delivery_end must be after delivery_start")]
    [InlineData("\"delivery_start\":\"2025-06-01T12:15:00Z\",\"delivery_end\":\"2025-06-01T12:35:00Z\"", "12", "must last a multiple of 15 minutes")]
    [InlineData("\"delivery_start\":\"2025-06-01T12:00:00Z\",\"delivery_end\":\"2025-06-02T12:15:00Z\"", "12", "must last from 15 minutes to 24 hours")]
    [InlineData("\"delivery_start\":\"2025-06-01T12:00:00Z\",\"delivery_end\":\"2025-06-01T12:15:00Z\"", "12.25", "quantity must be in steps of 0.1 MW")]
    [InlineData("\"delivery_day\":\"2025-03-30\",\"delivery_hour\":2", "12", "delivery_hour 2 does not exist on 2025-03-30")]
    [InlineData("\"delivery_day\":\"2025-06-01\",\"delivery_hour\":13,\"delivery_start\":\"2025-06-01T12:00:00Z\",\"delivery_end\":\"2025-06-01T12:15:00Z\"", "12", "name different periods")]
    [InlineData("\"delivery_start\":\"2025-06-01T12:00:00Z\",\"delivery_end\":\"2025-06-01T12:15:00Z\"", "\"12\"", "quantity must be a number of MW")]
    public async Task BadInput_Is400NamingTheFieldAndTheRule_AndNothingIsStored(string period, string quantity, string expected)
    {
        Assert.Contains(expected, await ApiAssert.ErrorAsync(await PostAsync(Trade("bad", period, quantity)), HttpStatusCode.BadRequest));
        Assert.Empty(await TradesAsync());
    }

    [Fact]
    public async Task ExtendedExchangeFile_ImportsThroughTheApi_AndItsExportReimportsAsTheSameTrades()
    {
        var csv = """
            id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time,delivery_start,delivery_end,product
            legacy,100,5,buy,2025-10-26,2,trader_1,2025-10-25T12:00:00Z,,,
            quarter,200,2.5,sell,,,trader_1,2025-10-25T12:00:00Z,2025-10-26T01:15:00Z,2025-10-26T01:30:00Z,XBID_Quarter_Hour_Power
            half,300,0.1,buy,,,trader_1,2025-10-25T12:00:00,2025-10-26T01:30:00,2025-10-26T02:00:00,XBID_Half_Hour_Power
            block,-400,100000,sell,2025-10-26,22,trader_1,2025-10-25T12:00:00Z,2025-10-26T21:00:00Z,2025-10-27T03:00:00Z,Block
            twodecimals,1,12.25,buy,,,trader_1,2025-10-25T12:00:00Z,2025-10-26T01:15:00Z,2025-10-26T01:30:00Z,
            offgrid,1,1,buy,,,trader_1,2025-10-25T12:00:00Z,2025-10-26T01:05:00Z,2025-10-26T01:20:00Z,

            """;
        var result = await ImportAsync("extended.csv", csv);
        Assert.Equal((4, 2), (result.GetProperty("inserted").GetInt32(), result.GetProperty("rejected").GetArrayLength()));
        var rejected = result.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([6, 7], rejected.Select(r => r.GetProperty("line").GetInt32()));
        Assert.StartsWith("quantity must be in steps of 0.1 MW", rejected[0].GetProperty("reason").GetString());
        Assert.StartsWith("delivery_start must be on the quarter-hour grid", rejected[1].GetProperty("reason").GetString());

        var day = await TradesAsync("?delivery_day=2025-10-26");
        Assert.Equal([
                ("legacy", 5m, 2, "2025-10-26T00:00:00Z", "2025-10-26T01:00:00Z", null),
                ("quarter", 2.5m, 2, "2025-10-26T01:15:00Z", "2025-10-26T01:30:00Z", "XBID_Quarter_Hour_Power"),
                ("half", 0.1m, 2, "2025-10-26T01:30:00Z", "2025-10-26T02:00:00Z", "XBID_Half_Hour_Power"),
                ("block", 100000m, 22, "2025-10-26T21:00:00Z", "2025-10-27T03:00:00Z", "Block"),
            ],
            day.Select(t => ((string)t!["id"]!, (decimal)t["quantity"]!, (int)t["delivery_hour"]!, (string)t["delivery_start"]!, (string)t["delivery_end"]!, (string?)t["product"])));

        // The page's export writes all eleven columns; imported again, every row is the trade already stored.
        var export = await CookieSession.ExportAsync(factory, "tom", "Trader-Passw0rd!", "/trades/export.csv?from=2025-10-26&to=2025-10-26");
        Assert.Contains("quarter,200,2.5,sell,2025-10-26,2,trader_1,2025-10-25T12:00:00Z,2025-10-26T01:15:00Z,2025-10-26T01:30:00Z,XBID_Quarter_Hour_Power\n", export);
        var again = await ImportAsync("export.csv", export);
        Assert.Equal((0, 4, 0), (again.GetProperty("inserted").GetInt32(), again.GetProperty("duplicates").GetInt32(), again.GetProperty("rejected").GetArrayLength()));
    }

    [Fact]
    public async Task FileWithThePeriodColumns_NeedsNoHourColumns()
    {
        var csv = "id,price,quantity,direction,trader_id,execution_time,delivery_start,delivery_end\nq,1,1.5,buy,trader_1,2025-06-01T00:00:00Z,2025-06-01T12:45:00Z,2025-06-01T13:00:00Z\n";
        Assert.Equal(1, (await ImportAsync("periods.csv", csv)).GetProperty("inserted").GetInt32());
        var stored = Assert.Single(await TradesAsync())!;
        Assert.Equal(("2025-06-01", 14, 1.5m), ((string)stored["delivery_day"]!, (int)stored["delivery_hour"]!, (decimal)stored["quantity"]!));

        var withoutHour = await manager.PostAsync("/v1/trades/import?file_name=x.csv", Csv("id,price,quantity,direction,trader_id,execution_time,delivery_start\n"), TestContext.Current.CancellationToken);
        Assert.Contains("missing required column(s) delivery_day, delivery_hour", await ApiAssert.ErrorAsync(withoutHour, HttpStatusCode.BadRequest));
    }

    private async Task<JsonElement> ImportAsync(string name, string csv) =>
        JsonDocument.Parse(await OkAsync(await manager.PostAsync($"/v1/trades/import?file_name={name}", Csv(csv), TestContext.Current.CancellationToken))).RootElement;

    private static ByteArrayContent Csv(string text)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = new("text/csv");
        return content;
    }
}

public sealed class TradePeriodsApiTests_Sqlite() : TradePeriodsApiTests(DatabaseProvider.Sqlite);

public sealed class TradePeriodsApiTests_Postgres() : TradePeriodsApiTests(DatabaseProvider.Postgres);
