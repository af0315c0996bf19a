using System.Text;
using System.Text.Json.Nodes;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>
/// Reference prices at their own resolution through the API on both providers: quarter-hour and hourly periods mixed in a
/// day, the autumn day's repeated hour priced by its UTC start, reports marking each quarter at the period containing it,
/// an hourly day corrected by quarter-hours (and back), and GET /v1/prices naming each period's start and end.
/// </summary>
public abstract class PricePeriodsApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;

    // 2025-10-26: the first 02:00 priced per quarter (80–83), the repeated 02:00's first quarter at 70, hour 3 as one hour at 75.
    private const string QuarterFile = """
        delivery_start,delivery_end,price_eur_mwh
        2025-10-26T00:00:00Z,2025-10-26T00:15:00Z,80.00
        2025-10-26T00:15:00Z,2025-10-26T00:30:00Z,81.00
        2025-10-26T00:30:00Z,2025-10-26T00:45:00Z,82.00
        2025-10-26T00:45:00Z,2025-10-26T01:00:00Z,83.00
        2025-10-26T01:00:00Z,2025-10-26T01:15:00Z,70.00
        2025-10-26T02:00:00Z,2025-10-26T03:00:00Z,75.00

        """;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        factory = new FlexPowerFactory(database);
        manager = factory.CreateApiClient();
        // The first 02:00: bought 10 MW at 70, sold 4 at 90; the repeated 02:00–02:15: sold 4 MW at 90; hour 3: sold 3 MW at 83.33.
        foreach (var (id, price, quantity, direction, period) in new[]
        {
            ("r1", 7000, 10, "buy", Hour(2)), ("r2", 9000, 4, "sell", Hour(2)), ("r3", 8333, 3, "sell", Hour(3)),
            ("r4", 9000, 4, "sell", "\"delivery_start\":\"2025-10-26T01:00:00Z\",\"delivery_end\":\"2025-10-26T01:15:00Z\""),
        })
        {
            var body = $$"""{"id":"{{id}}","price":{{price}},"quantity":{{quantity}},"direction":"{{direction}}",{{period}},"trader_id":"trader_1","execution_time":"2025-10-25T12:00:00Z"}""";
            var response = await manager.PostAsync("/v1/trades", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static string Hour(int hour) => $"\"delivery_day\":\"2025-10-26\",\"delivery_hour\":{hour}";

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task<JsonNode> ImportAsync(string csv, string fileName)
    {
        var content = new StringContent(csv);
        content.Headers.ContentType = new("text/csv");
        var response = await manager.PostAsync($"/v1/prices/import?series=day-ahead&file_name={fileName}", content, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }

    private static (int Inserted, int Updated, int Unchanged, int Rejected) Counts(JsonNode result) =>
        ((int)result["inserted"]!, (int)result["updated"]!, (int)result["unchanged"]!, (int)result["rejected_count"]!);

    private async Task<JsonNode> DayAsync(string resolution) => JsonNode.Parse(await manager.GetStringAsync(
        $"/v1/reports/pnl?trader_id=trader_1&delivery_day=2025-10-26&resolution={resolution}", TestContext.Current.CancellationToken))!;

    private async Task<decimal?> RangeMtmAsync()
    {
        var range = JsonNode.Parse(await manager.GetStringAsync("/v1/reports/pnl/range?trader_id=trader_1&from=2025-10-01&to=2025-10-31&granularity=month", TestContext.Current.CancellationToken))!;
        return (decimal?)range["total"]!["mtm_eur"];
    }

    [Fact]
    public async Task QuarterPrices_MarkEachQuarterAtItsOwnPrice_AndTheTotalsAreTheSameAtEveryResolution()
    {
        var result = await ImportAsync(QuarterFile, "quarters.csv");
        Assert.Equal(("flexpower_periods", (6, 0, 0, 0)), ((string)result["layout"]!, Counts(result)));

        var quarters = (await DayAsync("PT15M"))["hours"]!.AsArray();
        // Each quarter of the first 02:00: cash −85 €, net 1.5 MWh marked at 80, 81, 82, 83 → 35, 36.5, 38, 39.5.
        Assert.Equal([35m, 36.5m, 38m, 39.5m], quarters.Skip(8).Take(4).Select(q => (decimal)q!["mtm_eur"]!));
        // The repeated 02:00–02:15: sold 1 MWh for 90 €, marked at 70 → 20; its other quarters have no price.
        Assert.Equal((20m, 70.00m, "02:00–02:15 (2)"), ((decimal)quarters[12]!["mtm_eur"]!, (decimal)quarters[12]!["ref_price_eur_mwh"]!, (string)quarters[12]!["label"]!));
        Assert.Null(quarters[13]!["mtm_eur"]);
        // Hour 3's hourly price applies to each of its quarters: 62.4975 cash − 0.75 MWh × 75.
        Assert.Equal((6.2475m, 75.00m), ((decimal)quarters[16]!["mtm_eur"]!, (decimal)quarters[16]!["ref_price_eur_mwh"]!));

        var hours = (await DayAsync("PT60M"))["hours"]!.AsArray();
        // The first 02:00 hour: −340 + 1.5 × (80 + 81 + 82 + 83) = 149, shown at the quarters' mean 81.50; the repeated hour, only
        // its first quarter priced, has no price shown but its MtM.
        Assert.Equal((149m, 81.50m), ((decimal)hours[2]!["mtm_eur"]!, (decimal)hours[2]!["ref_price_eur_mwh"]!));
        Assert.Equal((20m, (decimal?)null), ((decimal)hours[3]!["mtm_eur"]!, (decimal?)hours[3]!["ref_price_eur_mwh"]));

        // Cash −340 + 90 + 249.99 = −0.01; MtM −0.01 + 489 − 70 − 225 = 193.99; every traded quarter priced.
        var totals = new List<string>();
        foreach (var resolution in new[] { "PT15M", "PT30M", "PT60M" }) totals.Add((await DayAsync(resolution))["total"]!.ToJsonString());
        Assert.Single(totals.Distinct());
        var total = JsonNode.Parse(totals[0])!;
        Assert.Equal((-0.01m, 193.99m, 0), ((decimal)total["pnl_eur"]!, (decimal)total["mtm_eur"]!, (int)total["hours_without_price"]!));
        Assert.Equal(193.99m, await RangeMtmAsync()); // the cached day marks price quarters the same way
    }

    [Fact]
    public async Task AnHourlyDay_CorrectedByQuarterHours_ReplacesTheHour_AndAnHourlyFileReplacesTheQuartersAgain()
    {
        var hourly = await ImportAsync("delivery_day,delivery_hour,price_eur_mwh\n2025-10-26,2,79.45\n2025-10-26,3,75.00\n", "hourly.csv");
        Assert.Equal((2, 0, 0, 0), Counts(hourly));
        // −0.01 cash + 6 × 79.45 − 3 × 75; the repeated hour (sold 1 MWh) has no price.
        Assert.Equal(251.69m, await RangeMtmAsync());

        var quarters = await ImportAsync(QuarterFile, "quarters.csv");
        // The four quarters of the first 02:00 replace its hour (updated), the repeated quarter is new, hour 3 is as stored.
        Assert.Equal((1, 4, 1, 0), Counts(quarters));
        Assert.Equal(193.99m, await RangeMtmAsync());
        Assert.Equal(193.99m, (decimal)(await DayAsync("PT15M"))["total"]!["mtm_eur"]!);

        var back = await ImportAsync("delivery_day,delivery_hour,price_eur_mwh\n2025-10-26,2,79.45\n", "hourly-again.csv");
        Assert.Equal((0, 1, 0, 0), Counts(back));
        // The hour replaced its four quarters; the repeated quarter (another period) stays, its 1 MWh sold marked at 70.
        var prices = await PricesAsync();
        Assert.Equal(["2025-10-26T00:00:00Z–2025-10-26T01:00:00Z 79.45", "2025-10-26T01:00:00Z–2025-10-26T01:15:00Z 70.00", "2025-10-26T02:00:00Z–2025-10-26T03:00:00Z 75.00"],
            prices.Select(p => $"{(string)p!["start"]!}–{(string)p!["end"]!} {(decimal)p!["price_eur_mwh"]!:0.00}"));
        Assert.Equal(251.69m - 70m, await RangeMtmAsync());
    }

    private async Task<JsonArray> PricesAsync() => JsonNode.Parse(await manager.GetStringAsync(
        "/v1/prices?series=day-ahead&from=2025-10-26&to=2025-10-26", TestContext.Current.CancellationToken))!["hours"]!.AsArray();

    [Fact]
    public async Task GetPrices_NamesEachPeriodsUtcStartAndEnd_BesideTheDayAndHour_InOneSeriesOfHourlyAndQuarterDays()
    {
        await ImportAsync("delivery_day,delivery_hour,price_eur_mwh\n2025-09-30,23,50.00\n", "september.csv");
        await ImportAsync(QuarterFile, "quarters.csv");

        var prices = await PricesAsync();

        Assert.Equal(6, prices.Count);
        Assert.Equal("""{"delivery_day":"2025-10-26","delivery_hour":2,"price_eur_mwh":80.00,"start":"2025-10-26T00:00:00Z","end":"2025-10-26T00:15:00Z"}""", prices[0]!.ToJsonString());
        // The repeated hour's quarter: hour 2, told apart by its start.
        Assert.Equal("""{"delivery_day":"2025-10-26","delivery_hour":2,"price_eur_mwh":70.00,"start":"2025-10-26T01:00:00Z","end":"2025-10-26T01:15:00Z"}""", prices[4]!.ToJsonString());
        Assert.Equal("""{"delivery_day":"2025-10-26","delivery_hour":3,"price_eur_mwh":75.00,"start":"2025-10-26T02:00:00Z","end":"2025-10-26T03:00:00Z"}""", prices[5]!.ToJsonString());
        var series = JsonNode.Parse(await manager.GetStringAsync("/v1/prices/series", TestContext.Current.CancellationToken))!.AsArray().Single()!;
        Assert.Equal("""{"series":"day-ahead","hours":7,"first_day":"2025-09-30","last_day":"2025-10-26"}""", series.ToJsonString());
        var september = JsonNode.Parse(await manager.GetStringAsync("/v1/prices?series=day-ahead&from=2025-09-30&to=2025-09-30", TestContext.Current.CancellationToken))!["hours"]!.AsArray().Single()!;
        Assert.Equal(("2025-09-30T21:00:00Z", "2025-09-30T22:00:00Z"), ((string)september["start"]!, (string)september["end"]!));
    }

    [Fact]
    public async Task AQuarterFile_WithBadRows_RejectsThemNamingTheRule_AndStoresNothingOfThem()
    {
        var result = await ImportAsync("delivery_start,delivery_end,price_eur_mwh\n2025-10-26T00:10:00Z,2025-10-26T00:25:00Z,1.00\n2025-10-26T00:00:00Z,2025-10-26T00:30:00Z,1.00\n" +
                                       "2025-10-26T00:00:00Z,2025-10-26T00:15:00Z,1.00\n2025-10-26T00:00:00Z,2025-10-26T01:00:00Z,2.00\n", "bad.csv");

        Assert.Equal((1, 0, 0, 3), Counts(result));
        var reasons = result["rejected"]!.AsArray().Select(r => (string)r!["reason"]!).ToList();
        Assert.Contains("delivery_start must be on the quarter-hour grid", reasons[0]);
        Assert.Contains("must last 15 or 60 minutes (got 30 minutes)", reasons[1]);
        Assert.Contains("already has a price on line 4 of this file", reasons[2]);
        Assert.Equal(["2025-10-26T00:00:00Z"], (await PricesAsync()).Select(p => (string)p!["start"]!));
    }
}

public sealed class SqlitePricePeriodsApiTests() : PricePeriodsApiTests(DatabaseProvider.Sqlite);

public sealed class PostgresPricePeriodsApiTests() : PricePeriodsApiTests(DatabaseProvider.Postgres);
