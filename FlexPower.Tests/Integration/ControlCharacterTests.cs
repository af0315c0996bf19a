using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>
/// NUL, line breaks and other control characters at every API entry point: a 400 naming the field (a 401 for credentials),
/// never a 500 — PostgreSQL text cannot hold a NUL — nothing stored, and echoed at most 100 characters with control
/// characters shown as U+FFFD.
/// </summary>
public abstract class ControlCharacterTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Csv = "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\nc1,1,1,buy,2023-02-28,9,trader_1,2023-02-28T06:00:00Z\n";
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

    public static TheoryData<string> Controls => ["\0", "\r\n", "\n", "\u001b"];

    private static async Task<string> RefusedAsync(HttpResponseMessage response, string field)
    {
        var message = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, message);
        Assert.Contains("control characters", message);
        AssertPrintable(message);
        return message;
    }

    private static void AssertPrintable(string message)
    {
        Assert.DoesNotContain(message, c => char.IsControl(c));
        Assert.InRange(message.Length, 1, 400);
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public async Task TraderIdInTheQuery_Is400NamingIt(string control)
    {
        var traderId = Uri.EscapeDataString($"trader{control}1");
        foreach (var url in new[]
                 {
                     $"/v1/trades?trader_id={traderId}",
                     $"/v1/reports/pnl?trader_id={traderId}&delivery_day=2023-02-28",
                     $"/v1/reports/pnl/range?trader_id={traderId}&from=2023-02-01&to=2023-02-28",
                 })
            await RefusedAsync(await manager.GetAsync(url, TestContext.Current.CancellationToken), "trader_id");
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public async Task BasicUserName_WithAControlCharacter_Is401(string control)
    {
        var client = factory.CreateApiClient($"bo{control}ss", FlexPowerFactory.ManagerPassword);
        var response = await client.GetAsync("/v1/trades", TestContext.Current.CancellationToken);
        AssertPrintable(await ApiAssert.ErrorAsync(response, HttpStatusCode.Unauthorized));
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public async Task LoginForm_UserNameWithAControlCharacter_IsNeverA500(string control)
    {
        var (_, response) = await CookieSession.SubmitLoginAsync(factory, $"bo{control}ss", FlexPowerFactory.ManagerPassword);

        // A NUL never reaches the sign-in: the framework refuses the whole form before the page runs.
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (control == "\0") Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        else Assert.Contains("Invalid user name or password.", body);
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public async Task NewUsersTraderId_WithAControlCharacter_Is400_AndNoAccountIsCreated(string control)
    {
        var response = await manager.PostAsJsonAsync("/v1/users",
            new { user_name = "nora", password = "Trader-Passw0rd!", role = "Trader", trader_id = $"trader{control}1" }, TestContext.Current.CancellationToken);
        await RefusedAsync(response, "trader_id");
        Assert.DoesNotContain("nora", await manager.GetStringAsync("/v1/users", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UnknownRole_IsEchoedShortAndPrintable()
    {
        var response = await manager.PostAsJsonAsync("/v1/users",
            new { user_name = "nora", password = "Trader-Passw0rd!", role = "Boss\r\n" + new string('x', 5_000) }, TestContext.Current.CancellationToken);
        AssertPrintable(await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public async Task UploadFileNameInTheQuery_Is400NamingIt_AndNothingIsImported(string control)
    {
        var name = Uri.EscapeDataString($"epex{control}.csv");
        await RefusedAsync(await manager.PostAsync($"/v1/trades/import?file_name={name}", Text(Csv), TestContext.Current.CancellationToken), "file_name");
        await RefusedAsync(await manager.PostAsync($"/v1/prices/import?series=day-ahead&file_name={name}", Text("delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,100.00\n"),
            TestContext.Current.CancellationToken), "file_name");
        Assert.Equal("[]", await manager.GetStringAsync("/v1/imports", TestContext.Current.CancellationToken));
        Assert.Equal("[]", await manager.GetStringAsync("/v1/trades", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public async Task MultipartFileName_WithAControlCharacter_Is400NamingIt(string control)
    {
        var form = new MultipartFormDataContent();
        var file = Text(Csv);
        // filename* (RFC 5987) carries any character, percent-encoded, as a browser or curl may send it.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = $"epex{control}.csv" };
        form.Add(file);
        await RefusedAsync(await manager.PostAsync("/v1/trades/import", form, TestContext.Current.CancellationToken), "file_name");
        Assert.Equal("[]", await manager.GetStringAsync("/v1/imports", TestContext.Current.CancellationToken));
    }

    // A NUL in the path never reaches the app: the server refuses the request line itself.
    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\u001b")]
    public async Task LimitsForATraderIdWithAControlCharacter_Are400_AndNothingIsStored(string control)
    {
        var response = await manager.PutAsJsonAsync($"/v1/limits/{Uri.EscapeDataString($"tr{control}a")}", new { max_open_mw = 40 }, TestContext.Current.CancellationToken);
        await RefusedAsync(response, "trader_id");
        Assert.Equal("[]", await manager.GetStringAsync("/v1/limits", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/v1/alerts?state={0}")]
    [InlineData("/v1/reports/pnl/range?from=2023-02-01&to=2023-02-28&granularity={0}")]
    [InlineData("/v1/nothing{0}here")]
    public async Task UnknownValues_AreEchoedShortAndPrintable(string url)
    {
        var value = Uri.EscapeDataString("day\r\nX-Injected: yes" + new string('d', 5_000));
        var response = await manager.GetAsync(string.Format(url, value), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, response.StatusCode.ToString());
        AssertPrintable(await ApiAssert.ErrorAsync(response, response.StatusCode));
    }

    [Theory]
    [MemberData(nameof(Controls))]
    public async Task PlantName_WithAControlCharacter_Is400NamingIt(string control)
    {
        var payload = $$"""{"load":10,"fuels":{"gas(euro/MWh)":10,"kerosine(euro/MWh)":50,"co2(euro/ton)":20,"wind(%)":0},"powerplants":[{"name":"gas{{Uri.EscapeDataString(control).Replace("%", "\\u00")}}1","type":"gasfired","efficiency":0.5,"pmin":0,"pmax":100}]}""";
        var response = await manager.PostAsync("/productionplan", new StringContent(payload, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await RefusedAsync(response, "powerplants[0].name");
    }

    private static ByteArrayContent Text(string csv)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new("text/csv");
        return content;
    }
}

public sealed class ControlCharacterTests_Sqlite() : ControlCharacterTests(DatabaseProvider.Sqlite);

public sealed class ControlCharacterTests_Postgres() : ControlCharacterTests(DatabaseProvider.Postgres);
