using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Prices;
using FlexPower.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

/// <summary>Limits set through the API, breached and restored by trades stored through every route; alerts read through the API.</summary>
public abstract class LimitAlertsTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;
    private int nextId;

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

    [Fact]
    public async Task TerminalPriceImport_MarkingTheLossInsideTheLimit_ClearsTheAlertBeforeItExits()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutLimitAsync("trader_1", new { max_daily_loss_eur = 100 })).StatusCode);
        await PostTradeAsync("trader_1", "2023-03-01", 10, "buy", 10, 10000); // cash −1,000 EUR
        await Wait.UntilAsync(async () => (await AlertsAsync()).Count == 1, "the loss alert is raised on cash");
        var file = Path.Combine(database.Directory, "prices_20230301.csv");
        await File.WriteAllTextAsync(file, "delivery_day,delivery_hour,price_eur_mwh\n2023-03-01,10,99.00\n", TestContext.Current.CancellationToken); // MtM −10 EUR

        var (exit, output, error) = await AppProcess.RunCommandAsync(database, "import-prices", file, "--series", "day-ahead");

        Assert.True(exit == 0, output + error);
        Assert.Empty(await AlertsAsync()); // cleared by the command's own limit check, before it exited
    }

    private Task<HttpResponseMessage> PutLimitAsync(string trader, object body, HttpClient? client = null) =>
        (client ?? manager).PutAsync($"/v1/limits/{trader}", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    private async Task PostTradeAsync(string trader, string day, int hour, string direction, long mw, long priceCents)
    {
        var response = await manager.PostAsJsonAsync("/v1/trades", new
        {
            id = $"t{Interlocked.Increment(ref nextId)}", price = priceCents, quantity = mw, direction, delivery_day = day, delivery_hour = hour,
            trader_id = trader, execution_time = $"{day}T06:00:00Z",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The limit alerts (the host's own missing-file check also alerts, for the real last days' files).</summary>
    private async Task<List<JsonElement>> AlertsAsync(string state = "open") =>
        (await AllAlertsAsync(state)).Where(a => a.GetProperty("kind").GetString() != "missing_file").ToList();

    private async Task<List<JsonElement>> AllAlertsAsync(string state = "open")
    {
        var response = await manager.GetAsync($"/v1/alerts?state={state}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
    }

    /// <summary>Every check triggered by what was stored so far has finished.</summary>
    private Task SettledAsync() => factory.Services.GetRequiredService<ChangeNotifier>().DrainAsync();

    [Fact]
    public async Task ApiPost_OverTheOpenPositionLimit_RaisesTheAlert_AndAnOffsettingTradeClearsIt()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutLimitAsync("trader_1", new { max_open_mw = 50 })).StatusCode);

        await PostTradeAsync("trader_1", "2023-02-28", 9, "buy", 40, 8000);
        await SettledAsync();
        Assert.Empty(await AlertsAsync()); // 40 MW long: inside

        await PostTradeAsync("trader_1", "2023-02-28", 9, "buy", 20, 8000);
        await Wait.UntilAsync(async () => (await AlertsAsync()).Count == 1, "the open-position alert is raised");
        var alert = (await AlertsAsync()).Single();
        Assert.Equal("open_position_limit", alert.GetProperty("kind").GetString());
        Assert.Equal("trader_1 2023-02-28 9 - 10", alert.GetProperty("subject").GetString());
        Assert.Equal("open", alert.GetProperty("state").GetString());
        Assert.Contains("long 60 MW", alert.GetProperty("message").GetString());
        Assert.EndsWith("Z", alert.GetProperty("since").GetString());
        // One list for every kind: the files this fresh host never received are there too.
        Assert.Contains(await AllAlertsAsync(), a => a.GetProperty("kind").GetString() == "missing_file");

        await PostTradeAsync("trader_1", "2023-02-28", 9, "sell", 15, 9000); // net 45: back inside
        await Wait.UntilAsync(async () => (await AlertsAsync()).Count == 0, "the alert clears");
        var history = (await AlertsAsync("all")).Single();
        Assert.Equal("cleared", history.GetProperty("state").GetString());
        Assert.Equal("Back inside the limit.", history.GetProperty("cleared_message").GetString());
    }

    [Fact]
    public async Task AlertsList_ByTraderAndKind_ShowsOnlyThose_AndRefusesAnUnknownKindOrABadTraderId()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutLimitAsync("trader_1", new { max_open_mw = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutLimitAsync("trader_2", new { max_open_mw = 10, max_daily_loss_eur = 100 })).StatusCode);
        await PostTradeAsync("trader_1", "2023-02-28", 9, "buy", 20, 8000);
        await PostTradeAsync("trader_2", "2023-02-28", 9, "buy", 20, 8000); // over both: 20 MW long, cash −1,600 EUR
        await Wait.UntilAsync(async () => (await AlertsAsync()).Count == 3, "three limit alerts are raised");

        async Task<List<string>> SubjectsAsync(string query) =>
            JsonDocument.Parse(await manager.GetStringAsync($"/v1/alerts?{query}", TestContext.Current.CancellationToken)).RootElement
                .EnumerateArray().Select(a => $"{a.GetProperty("kind").GetString()} {a.GetProperty("subject").GetString()}").ToList();

        Assert.Equal(["open_position_limit trader_1 2023-02-28 9 - 10"], await SubjectsAsync("trader_id=trader_1"));
        Assert.Equal(["daily_loss_limit trader_2 2023-02-28"], await SubjectsAsync("trader_id=%20trader_2%20&kind=DAILY_LOSS_LIMIT&state=all"));
        Assert.Equal(2, (await SubjectsAsync("kind=open_position_limit")).Count);
        Assert.All(await SubjectsAsync("kind=missing_file"), s => Assert.StartsWith("missing_file ", s));
        Assert.Empty(await SubjectsAsync("trader_id=trader_9"));

        Assert.Equal("kind 'breach' is unknown: use missing_file, open_position_limit, daily_loss_limit.",
            await ApiAssert.ErrorAsync(await manager.GetAsync("/v1/alerts?kind=breach", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));
        Assert.Contains("trader_id must not contain control characters",
            await ApiAssert.ErrorAsync(await manager.GetAsync("/v1/alerts?trader_id=trader%0A1", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Import_OverTheDailyLossLimit_RaisesTheAlert_OnCashWithoutAReferencePrice()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutLimitAsync("trader_1", new { max_daily_loss_eur = 100 })).StatusCode);
        var csv = "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\n" +
                  "i1,10000,10,buy,2023-03-01,10,trader_1,2023-03-01T06:00:00Z\n" + // pays 1,000 EUR for 10 MWh
                  "i2,9500,5,sell,2023-03-01,10,trader_1,2023-03-01T06:05:00Z\n";  // gets 475 EUR back: cash −525 EUR
        var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync("/v1/trades/import?file_name=epex_trades_20230301.csv", content, TestContext.Current.CancellationToken)).StatusCode);

        await Wait.UntilAsync(async () => (await AlertsAsync()).Count == 1, "the loss alert is raised");
        var alert = (await AlertsAsync()).Single();
        Assert.Equal("daily_loss_limit", alert.GetProperty("kind").GetString());
        Assert.Equal("trader_1 2023-03-01", alert.GetProperty("subject").GetString());
        Assert.Contains("lost 525.00 EUR", alert.GetProperty("message").GetString());
        Assert.Contains("cash PnL", alert.GetProperty("message").GetString());
    }

    [Fact]
    public async Task DailyLoss_IsMarkedToMarket_WhenTheHourHasAReferencePrice()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutLimitAsync("trader_1", new { max_daily_loss_eur = 100 })).StatusCode);
        await PostTradeAsync("trader_1", "2023-03-01", 10, "buy", 10, 10000); // cash −1,000 EUR
        await Wait.UntilAsync(async () => (await AlertsAsync()).Count == 1, "the loss alert is raised on cash");
        Assert.Contains("lost 1,000.00 EUR", (await AlertsAsync()).Single().GetProperty("message").GetString());

        // The day-ahead price of that hour is 99 EUR/MWh: the 10 MWh are worth 990 EUR, MtM −10 EUR, inside the limit.
        // (Stored as a price import stores it, and announced as it announces it.)
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.ReferencePrices.Add(ReferencePrice.OfHour("day-ahead", new DateOnly(2023, 3, 1), 10, 9900, importId: 1));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        factory.Services.GetRequiredService<ChangeNotifier>().Publish(new PricesChanged("day-ahead", new DateOnly(2023, 3, 1), new DateOnly(2023, 3, 1)));
        await Wait.UntilAsync(async () => (await AlertsAsync()).Count == 0, "the price clears the alert");

        // A further buy at 115 EUR/MWh: MtM = −1,000 − 1,150 + 20 × 99 = −170 EUR, over the limit again, and marked to market.
        await PostTradeAsync("trader_1", "2023-03-01", 10, "buy", 10, 11500);
        await Wait.UntilAsync(async () => (await AlertsAsync()).Count == 1, "the MtM loss raises the alert again");
        var message = (await AlertsAsync()).Single().GetProperty("message").GetString();
        Assert.Contains("lost 170.00 EUR", message);
        Assert.Contains("marked to market", message);
    }

    [Fact]
    public async Task LoweringALimit_RaisesAtOnce_AndRemovingIt_ClearsTheAlert()
    {
        await PostTradeAsync("trader_1", "2023-02-28", 9, "sell", 30, 8000);
        Assert.Equal(HttpStatusCode.OK, (await PutLimitAsync("trader_1", new { max_open_mw = 20 })).StatusCode);
        await Wait.UntilAsync(async () => (await AlertsAsync()).Count == 1, "the lower limit raises the alert");
        Assert.Contains("short 30 MW", (await AlertsAsync()).Single().GetProperty("message").GetString());

        var removed = await PutLimitAsync("trader_1", new { max_open_mw = (long?)null, max_daily_loss_eur = (decimal?)null });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        await Wait.UntilAsync(async () => (await AlertsAsync()).Count == 0, "removing the limit clears the alert");
        Assert.Equal("The trader's limit was removed.", (await AlertsAsync("all")).Single().GetProperty("cleared_message").GetString());
        Assert.Equal("[]", await manager.GetStringAsync("/v1/limits", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TerminalImport_OverTheLimit_RaisesTheAlert()
    {
        Assert.Equal(HttpStatusCode.OK, (await PutLimitAsync("trader_2", new { max_open_mw = 50 })).StatusCode);
        var file = Path.Combine(database.Directory, "epex_trades_20230220.csv");
        File.Copy(Reference.File("trades", "epex_trades_20230220.csv"), file); // trader_2 buys 57 MW in hour 9 of 2023-02-28

        var (exit, output, error) = await AppProcess.RunCommandAsync(database, "import", file);

        Assert.True(exit == 0, output + error);
        var alert = (await AlertsAsync()).Single(); // raised by the command before it exited
        Assert.Equal("trader_2 2023-02-28 9 - 10", alert.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Limits_GetAndPut_RoundTrip_AndBadValuesAre400WithTheReason()
    {
        var put = await PutLimitAsync("trader_1", new { max_open_mw = 50, max_daily_loss_eur = 12500.5m });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var limits = JsonDocument.Parse(await manager.GetStringAsync("/v1/limits", TestContext.Current.CancellationToken)).RootElement.EnumerateArray().Single();
        Assert.Equal("trader_1", limits.GetProperty("trader_id").GetString());
        Assert.Equal(50, limits.GetProperty("max_open_mw").GetInt64());
        Assert.Equal(12500.5m, limits.GetProperty("max_daily_loss_eur").GetDecimal());
        Assert.Equal(FlexPowerFactory.ManagerName, limits.GetProperty("updated_by").GetString());

        Assert.Contains("max_open_mw must be a whole number of MW from 1", await ApiAssert.ErrorAsync(await PutLimitAsync("trader_1", new { max_open_mw = 0 }), HttpStatusCode.BadRequest));
        Assert.Contains("max_daily_loss_eur must be a positive amount", await ApiAssert.ErrorAsync(await PutLimitAsync("trader_1", new { max_daily_loss_eur = -5 }), HttpStatusCode.BadRequest));
        Assert.Contains("at most 2 decimals", await ApiAssert.ErrorAsync(await PutLimitAsync("trader_1", new { max_daily_loss_eur = 1.005m }), HttpStatusCode.BadRequest));
        var malformed = await manager.PutAsync("/v1/limits/trader_1", new StringContent("{\"max_open_mw\": \"lots\"}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await ApiAssert.ErrorAsync(malformed, HttpStatusCode.BadRequest);
        await ApiAssert.ErrorAsync(await manager.GetAsync("/v1/alerts?state=closed", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
        // Nothing invalid was stored.
        Assert.Equal(50, JsonDocument.Parse(await manager.GetStringAsync("/v1/limits", TestContext.Current.CancellationToken)).RootElement[0].GetProperty("max_open_mw").GetInt64());
    }

    [Theory]
    [InlineData("""{"max_open_mw": "40"}""", "max_open_mw")]
    [InlineData("""{"max_daily_loss_eur": "5000"}""", "max_daily_loss_eur")]
    public async Task Limits_NumbersSentAsText_Are400NamingTheField_AsForTrades(string body, string field)
    {
        var response = await manager.PutAsync("/v1/limits/trader_1", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Contains($"$.{field}", await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal("[]", await manager.GetStringAsync("/v1/limits", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Limits_ForATraderIdNoAccountHas_AreStoredWithAWarning_WhichAnAccountsTraderIdDoesNotGet()
    {
        var unknown = await PutLimitAsync("trader_9", new { max_open_mw = 40 });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var warning = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("warning").GetString();
        Assert.Contains("No account has trader_id 'trader_9'", warning);

        var known = await PutLimitAsync("trader_1", new { max_open_mw = 40 });
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await known.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("warning").ValueKind);
        Assert.Equal(2, JsonDocument.Parse(await manager.GetStringAsync("/v1/limits", TestContext.Current.CancellationToken)).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task AlertsAndLimits_Are401WithoutCredentials_And403ForTraders()
    {
        var anonymous = factory.CreateApiClient(userName: null);
        var trader = factory.CreateApiClient("tom", "Trader-Passw0rd!");
        foreach (var path in new[] { "/v1/alerts", "/v1/alerts/deliveries", "/v1/limits" })
        {
            var unauthenticated = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
            await ApiAssert.ErrorAsync(unauthenticated, HttpStatusCode.Unauthorized);
            Assert.Contains("Basic", unauthenticated.Headers.WwwAuthenticate.ToString());
            await ApiAssert.ErrorAsync(await trader.GetAsync(path, TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);
        }
        await ApiAssert.ErrorAsync(await PutLimitAsync("trader_1", new { max_open_mw = 500 }, anonymous), HttpStatusCode.Unauthorized);
        await ApiAssert.ErrorAsync(await PutLimitAsync("trader_1", new { max_open_mw = 500 }, trader), HttpStatusCode.Forbidden);
        Assert.Equal("[]", await manager.GetStringAsync("/v1/limits", TestContext.Current.CancellationToken));
    }
}

public sealed class LimitAlertsTests_Sqlite() : LimitAlertsTests(DatabaseProvider.Sqlite);

public sealed class LimitAlertsTests_Postgres() : LimitAlertsTests(DatabaseProvider.Postgres);
