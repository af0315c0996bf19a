using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

public abstract class TradesApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        factory = new FlexPowerFactory(database);
        manager = factory.CreateApiClient();
        foreach (var (name, traderId) in new[] { ("tom", "trader_1"), ("tia", "trader_2") })
            (await manager.PostAsJsonAsync("/v1/users", new { user_name = name, password = "Trader-Passw0rd!", role = "Trader", trader_id = traderId })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>The sample exchange file's rows as the contract's JSON objects (numbers as numbers).</summary>
    private static List<JsonObject> SampleTrades()
    {
        var lines = File.ReadAllText(Reference.File("trades", "epex_trades_20230220.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Trim().Split(',');
        return lines.Skip(1).Select(line =>
        {
            var cells = line.Trim().Split(',');
            var trade = new JsonObject();
            for (var i = 0; i < header.Length; i++)
                trade[header[i]] = header[i] is "price" or "quantity" or "delivery_hour" ? JsonValue.Create(long.Parse(cells[i])) : JsonValue.Create(cells[i]);
            return trade;
        }).ToList();
    }

    private Task<HttpResponseMessage> PostAsync(HttpClient client, JsonNode trade) =>
        client.PostAsync("/v1/trades", new StringContent(trade.ToJsonString(), Encoding.UTF8, "application/json"));

    private async Task<JsonArray> GetAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/v1/trades" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    /// <summary>An hourly trade as the API returns it: the bytes it was sent, then its period (60 minutes, UTC) and no product.</summary>
    private static string WithItsHour(JsonObject trade)
    {
        var start = BerlinTime.HourStartUtc(DateOnly.Parse((string)trade["delivery_day"]!), (int)(long)trade["delivery_hour"]!);
        return trade.ToJsonString()[..^1] + $",\"delivery_start\":\"{start:yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"delivery_end\":\"{start.AddHours(1):yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"product\":null}}";
    }

    [Fact]
    public async Task SampleFile_PostedAndReadBack_ReturnsExactlyThemFieldForField()
    {
        var sample = SampleTrades();
        Assert.Equal(3, sample.Count);
        foreach (var trade in sample)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(manager, trade)).StatusCode);

        var byDay = await GetAsync(manager, "?delivery_day=2023-02-28");
        var expectedOrder = sample.OrderBy(t => (long)t["delivery_hour"]!).ToList(); // same day: ordered by hour
        Assert.Equal(expectedOrder.Select(WithItsHour), byDay.Select(t => t!.ToJsonString()));

        var trader2 = await GetAsync(manager, "?trader_id=trader_2");
        Assert.Equal(sample.Where(t => (string)t["trader_id"]! == "trader_2").OrderBy(t => (long)t["delivery_hour"]!).Select(WithItsHour),
            trader2.Select(t => t!.ToJsonString()));
        Assert.All(byDay, t =>
        {
            Assert.Equal(JsonValueKind.Number, t!["price"]!.GetValueKind());
            Assert.Equal(JsonValueKind.Number, t["quantity"]!.GetValueKind());
            Assert.Equal(JsonValueKind.Number, t["delivery_hour"]!.GetValueKind());
            Assert.EndsWith("Z", (string)t["execution_time"]!);
        });
    }

    [Theory]
    [InlineData("id", "\"\"")]
    [InlineData("id", "null")]
    [InlineData("price", "12.5")]
    [InlineData("price", "\"120\"")]
    [InlineData("price", "1000000")]
    [InlineData("price", "-1000000")]
    [InlineData("id", "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"")]
    [InlineData("trader_id", "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"")]
    [InlineData("quantity", "-3")]
    [InlineData("delivery_hour", "-1")]
    [InlineData("quantity", "0")]
    [InlineData("direction", "\"BUY\"")]
    [InlineData("delivery_day", "\"2023-02-30\"")]
    [InlineData("delivery_hour", "24")]
    [InlineData("trader_id", "\"\"")]
    [InlineData("execution_time", "\"2023-02-28 11:12:35\"")]
    public async Task Post_InvalidField_Returns400NamingTheFieldAndStoresNothing(string field, string badJson)
    {
        var trade = SampleTrades()[0];
        trade[field] = JsonNode.Parse(badJson);

        var message = await ApiAssert.ErrorAsync(await PostAsync(manager, trade), HttpStatusCode.BadRequest);

        Assert.StartsWith(field, message);
        Assert.Empty(await GetAsync(manager, ""));
    }

    [Fact]
    public async Task Post_Hour2OnSpringClockChange_Returns400()
    {
        var trade = SampleTrades()[0];
        trade["delivery_day"] = "2023-03-26";
        trade["delivery_hour"] = 2;
        Assert.Contains("does not exist", await ApiAssert.ErrorAsync(await PostAsync(manager, trade), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Post_NotAnObject_Returns400() =>
        Assert.Contains("JSON object", await ApiAssert.ErrorAsync(
            await manager.PostAsync("/v1/trades", new StringContent("[1,2]", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));

    [Fact]
    public async Task Post_IdenticalRepeat_Returns200AndChangesNothing()
    {
        var trade = SampleTrades()[0];
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(manager, trade)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(manager, trade)).StatusCode);
        Assert.Single(await GetAsync(manager, ""));
    }

    [Fact]
    public async Task Post_SameIdOtherContent_Returns409NamingTheDifferingFields()
    {
        var trade = SampleTrades()[0];
        await PostAsync(manager, trade);
        trade["price"] = 999;
        trade["quantity"] = 1;

        var message = await ApiAssert.ErrorAsync(await PostAsync(manager, trade), HttpStatusCode.Conflict);

        Assert.Contains("price, quantity", message);
        Assert.Equal(120, (int)(await GetAsync(manager, ""))[0]!["price"]!);
    }

    [Fact]
    public async Task Trader_ReusingAnotherTradersId_LearnsOnlyThatItIsTaken()
    {
        var theirs = SampleTrades().First(t => (string?)t["trader_id"] == "trader_1");
        await PostAsync(manager, theirs);
        var guess = theirs.DeepClone().AsObject();
        guess["trader_id"] = "trader_2";
        guess["price"] = 999;
        var tia = factory.CreateApiClient("tia", "Trader-Passw0rd!");

        var message = await ApiAssert.ErrorAsync(await PostAsync(tia, guess), HttpStatusCode.Conflict);

        Assert.Contains("already taken", message);
        foreach (var field in new[] { "price", "quantity", "direction", "delivery", "execution", "trader_1" })
            Assert.DoesNotContain(field, message);
    }

    [Fact]
    public async Task Get_InvalidDeliveryDay_Returns400() =>
        Assert.StartsWith("delivery_day", await ApiAssert.ErrorAsync(await manager.GetAsync("/v1/trades?delivery_day=28-02-2023", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));

    [Fact]
    public async Task Trader_SeesOnlyOwnTrades_AndIsForbiddenOthers()
    {
        foreach (var trade in SampleTrades()) await PostAsync(manager, trade);
        var tia = factory.CreateApiClient("tia", "Trader-Passw0rd!");

        var own = await GetAsync(tia, "");
        Assert.Equal(["t_456", "t_789"], own.Select(t => (string)t!["id"]!));
        Assert.All(await GetAsync(tia, "?delivery_day=2023-02-28"), t => Assert.Equal("trader_2", (string)t!["trader_id"]!));
        await ApiAssert.ErrorAsync(await tia.GetAsync("/v1/trades?trader_id=trader_1", TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Trader_PostingAnotherTradersTrade_Returns403AndStoresNothing()
    {
        var tia = factory.CreateApiClient("tia", "Trader-Passw0rd!");
        var trade = SampleTrades()[0]; // trader_1's

        await ApiAssert.ErrorAsync(await PostAsync(tia, trade), HttpStatusCode.Forbidden);

        Assert.Empty(await GetAsync(manager, ""));
        trade["trader_id"] = "trader_2";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(tia, trade)).StatusCode);
    }

    [Fact]
    public async Task Trades_WithoutCredentials_Returns401() =>
        await ApiAssert.ErrorAsync(await factory.CreateApiClient(userName: null).GetAsync("/v1/trades", TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);

    [Fact]
    public async Task Export_AsTrader_ContainsOnlyOwnTradesInTheExchangeLayout()
    {
        foreach (var trade in SampleTrades()) await PostAsync(manager, trade);
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false });
        var login = await browser.GetAsync("/trades/export.csv?trader=trader_1&from=2023-02-28&to=2023-02-28", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode); // pages and their downloads need the login cookie

        var csv = await CookieSession.ExportAsync(factory, "tia", "Trader-Passw0rd!", "/trades/export.csv?trader=trader_1&from=2023-02-28&to=2023-02-28");

        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time,delivery_start,delivery_end,product", lines[0]);
        Assert.Equal([
            "t_789,34,18,sell,2023-02-28,20,trader_2,2023-02-28T16:23:38Z,2023-02-28T19:00:00Z,2023-02-28T20:00:00Z,",
            "t_456,78,57,buy,2023-02-28,9,trader_2,2023-02-28T07:45:12Z,2023-02-28T08:00:00Z,2023-02-28T09:00:00Z,",
        ], lines[1..]);
    }

    [Fact]
    public async Task Export_FollowsTheGridsSortFromTheLink_AndAnIdSearch()
    {
        foreach (var trade in SampleTrades()) await PostAsync(manager, trade);

        var byPrice = await CookieSession.ExportAsync(factory, "tia", "Trader-Passw0rd!", "/trades/export.csv?from=2023-02-28&to=2023-02-28&sort=-price");
        var byId = await CookieSession.ExportAsync(factory, "tia", "Trader-Passw0rd!", "/trades/export.csv?id=t_7");

        Assert.Equal(["t_456", "t_789"], byPrice.TrimEnd('\n').Split('\n')[1..].Select(l => l.Split(',')[0]));
        Assert.Equal(["t_789"], byId.TrimEnd('\n').Split('\n')[1..].Select(l => l.Split(',')[0]));
    }
}

public sealed class TradesApiTests_Sqlite() : TradesApiTests(DatabaseProvider.Sqlite);

public sealed class TradesApiTests_Postgres() : TradesApiTests(DatabaseProvider.Postgres);
