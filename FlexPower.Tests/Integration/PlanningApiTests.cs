using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

public sealed class PlanningApiTests : IDisposable
{
    private readonly TempDatabase database = new();
    private readonly FlexPowerFactory factory;

    public PlanningApiTests() => factory = new FlexPowerFactory(database);

    public void Dispose()
    {
        factory.Dispose();
        database.Dispose();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Payload(string name) => File.ReadAllText(Reference.File("planner", name));

    [Theory]
    [InlineData("/productionplan")]
    [InlineData("/v1/productionplan")]
    public async Task Payload3_ReturnsExactlyResponse3(string path)
    {
        var response = await factory.CreateApiClient().PostAsync(path, Json(Payload("payload3.json")), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = JsonNode.Parse(Payload("response3.json"))!.AsArray();
        var actual = JsonNode.Parse(body)!.AsArray();
        Assert.True(JsonNode.DeepEquals(expected, actual), body);
        Assert.Contains("\"p\":90.0", body); // one decimal, as in the contract
    }

    [Fact]
    public async Task WithoutCredentials_Returns401_UnlessPlannerAllowsAnonymous()
    {
        await ApiAssert.ErrorAsync(await factory.CreateApiClient(userName: null).PostAsync("/productionplan", Json(Payload("payload3.json")), TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);

        using var db = new TempDatabase();
        using var open = new FlexPowerFactory(db).WithWebHostBuilder(b => b.UseSetting("Planner:AllowAnonymous", "true"));
        var response = await open.CreateClient().PostAsync("/productionplan", Json(Payload("payload3.json")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Co2False_ChangesTheCostsNotTheContract()
    {
        var response = await factory.CreateApiClient().PostAsync("/productionplan?co2=false", Json(Payload("payload1.json")), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(6, JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsArray().Count);
    }

    [Theory]
    [InlineData("{\"load\": ", "not well-formed JSON")]
    [InlineData("{\"load\": 10.05, \"fuels\": {\"gas(euro/MWh)\":1,\"kerosine(euro/MWh)\":1,\"co2(euro/ton)\":1,\"wind(%)\":1}, \"powerplants\": [{\"name\":\"a\",\"type\":\"gasfired\",\"efficiency\":0.5,\"pmin\":0,\"pmax\":100}]}", "multiple of 0.1 MW")]
    [InlineData("{\"load\": 30, \"fuels\": {\"gas(euro/MWh)\":1,\"kerosine(euro/MWh)\":1,\"co2(euro/ton)\":1,\"wind(%)\":1}, \"powerplants\": [{\"name\":\"a\",\"type\":\"gasfired\",\"efficiency\":0.5,\"pmin\":50,\"pmax\":100}]}", "nearest feasible loads are 0.0 MW below and 50.0 MW above")]
    [InlineData("{\"load\": 300, \"fuels\": {\"gas(euro/MWh)\":1,\"kerosine(euro/MWh)\":1,\"co2(euro/ton)\":1,\"wind(%)\":1}, \"powerplants\": [{\"name\":\"a\",\"type\":\"gasfired\",\"efficiency\":0.5,\"pmin\":50,\"pmax\":100}]}", "above the fleet's total available capacity of 100.0 MW")]
    [InlineData("[]", "must be a JSON object")]
    public async Task BadPayload_Returns400WithTheReason(string json, string reason) =>
        Assert.Contains(reason, await ApiAssert.ErrorAsync(await factory.CreateApiClient().PostAsync("/productionplan", Json(json), TestContext.Current.CancellationToken), HttpStatusCode.BadRequest));
}
