using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>Input crafted to break the API: every case is a 4xx with the contract's Error body in the product's words, never a 500.</summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private const string ValidTrade = """{"id":"h1","price":1,"quantity":1,"direction":"buy","delivery_day":"2023-01-01","delivery_hour":1,"trader_id":"t","execution_time":"2023-01-01T00:00:00Z"}""";
    private readonly TempDatabase database = new();
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;

    public ValueTask InitializeAsync()
    {
        factory = new FlexPowerFactory(database);
        manager = factory.CreateApiClient();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        factory.Dispose();
        database.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string> SendAsync(string method, string url, byte[] body, string contentType, HttpStatusCode expected)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var message = await ApiAssert.ErrorAsync(await manager.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = content }), expected);
        Assert.DoesNotContain("FlexPower.", message); // no type names
        Assert.DoesNotContain("Did you mean", message);
        return message;
    }

    public static TheoryData<string, string, string, string> BadJson => new()
    {
        { "/v1/trades", """{"id":"x""" + "\u00ff" + "\"}", "not valid UTF-8", "invalid UTF-8 inside a JSON string" },
        { "/v1/trades", ValidTrade.Replace("\"price\":1,", "\"price\":1,\"price\":999,"), "names a property twice", "a duplicated key" },
        { "/v1/users", """{"user_name":"a","user_name":"b","password":"x","role":"Trader"}""", "names a property twice", "a duplicated key in a typed body" },
        { "/v1/users", """{"user_name": 5}""", "value of the wrong type at $.user_name", "a number where text belongs" },
        { "/v1/users", "[1,2]", "value of the wrong type", "an array where an object belongs" },
        { "/v1/trades", """{"id":""", "not well-formed JSON", "a cut-off body" },
        { "/productionplan", """{"load":1e30,"fuels":{},"powerplants":[]}""", "load is out of range", "a number beyond decimal" },
        { "/productionplan", """{"load":100,"fuels":{"gas(euro/MWh)":79228162514264337593543950335,"kerosine(euro/MWh)":1,"co2(euro/ton)":1,"wind(%)":0},"powerplants":[{"name":"a","type":"gasfired","efficiency":1e-10,"pmin":0,"pmax":100}]}""", "fuels.gas(euro/MWh) must be at most 100,000", "planner numbers that overflow the cost" },
    };

    [Theory]
    [MemberData(nameof(BadJson))]
    public async Task BadJsonBody_Is400_InTheProductsWords(string url, string body, string expected, string because)
    {
        var bytes = body.Contains('\u00ff') ? Encoding.Latin1.GetBytes(body) : Encoding.UTF8.GetBytes(body); // \u00ff as one raw byte: invalid UTF-8
        Assert.Contains(expected, await SendAsync("POST", url, bytes, "application/json", HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(because));
    }

    [Fact]
    public async Task NoBody_Is400_NotTheFrameworksWording() =>
        Assert.Contains("needs a JSON body", await ApiAssert.ErrorAsync(await manager.PostAsync("/v1/users", null, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));

    [Fact]
    public async Task HugeJsonBody_Is413_WithoutReadingItWhole() =>
        Assert.Contains("Api:MaxJsonBodyBytes", await SendAsync("POST", "/v1/trades", new byte[2_000_000], "application/json", HttpStatusCode.RequestEntityTooLarge));

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=xyz")]
    public async Task MultipartWithoutAProperBoundary_Is400(string contentType) =>
        Assert.Contains("multipart body is malformed", await SendAsync("POST", "/v1/trades/import", "abc"u8.ToArray(), contentType, HttpStatusCode.BadRequest));

    [Theory]
    [InlineData("/v1/reports/pnl/range?from=9999-12-01&to=9999-12-31&granularity=month")]
    [InlineData("/v1/reports/pnl/range?from=2999-12-01&to=3000-01-31&granularity=week")]
    [InlineData("/v1/reports/pnl?trader_id=t&delivery_day=9999-12-31")]
    [InlineData("/v1/reports/traders?from=0001-01-01&to=0001-12-31")]
    [InlineData("/v1/trades?delivery_day=9999-12-31")]
    public async Task FarFutureOrPastDates_Are400(string url) =>
        Assert.Contains("between 1900-01-01 and 2999-12-31", await ApiAssert.ErrorAsync(await manager.GetAsync(url, TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));

    [Fact]
    public async Task TenMegabyteField_IsEchoedShortened()
    {
        var message = await SendAsync("POST", "/v1/trades", Encoding.UTF8.GetBytes(ValidTrade.Replace("\"direction\":\"buy\"", $"\"direction\":\"{new string('b', 900_000)}\"")),
            "application/json", HttpStatusCode.BadRequest);
        Assert.InRange(message.Length, 1, 400);
    }
}
