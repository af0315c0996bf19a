using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>
/// The two clock-change days from an API trade to the report: spring (2025-03-30) has 23 delivery hours and no hour 2;
/// autumn (2025-10-26) has hours 0–23, where hour 2 is the first 02:00 (summer time) for trades and prices alike.
/// </summary>
public abstract class ClockChangeDayTests(DatabaseProvider provider) : IAsyncLifetime
{
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

    private static object Trade(string id, string direction, int quantity, long price, string day, int hour) => new
    {
        id, price, quantity, direction, delivery_day = day, delivery_hour = hour, trader_id = "trader_1", execution_time = "2025-01-01T12:00:00Z",
    };

    private async Task<JsonNode> PostCsvAsync(string path, string csv)
    {
        var body = new StringContent(csv);
        body.Headers.ContentType = new("text/csv");
        var response = await manager.PostAsync(path, body, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    [Fact]
    public async Task SpringDay_RefusesHour2_AndReports23Hours()
    {
        var refused = await manager.PostAsJsonAsync("/v1/trades", Trade("s2", "buy", 5, 5000, "2025-03-30", 2), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("delivery_hour 2 does not exist on 2025-03-30", await ApiAssert.ErrorAsync(refused, HttpStatusCode.BadRequest));
        (await manager.PostAsJsonAsync("/v1/trades", Trade("s3", "buy", 5, 5000, "2025-03-30", 3), cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var prices = await PostCsvAsync("/v1/prices/import?series=day-ahead&file_name=spring.csv", "delivery_day,delivery_hour,price_eur_mwh\n2025-03-30,2,50.00\n2025-03-30,3,60.00\n");
        Assert.Equal(1, (int)prices["inserted"]!);
        Assert.Contains("delivery_hour 2 does not exist on 2025-03-30", (string)prices["rejected"]![0]!["reason"]!);

        var report = JsonNode.Parse(await manager.GetStringAsync("/v1/reports/pnl?trader_id=trader_1&delivery_day=2025-03-30", TestContext.Current.CancellationToken))!;

        var hours = report["hours"]!.AsArray();
        Assert.Equal([0, 1, .. Enumerable.Range(3, 21)], hours.Select(h => (int)h!["hour"]!));
        var three = hours.Single(h => (int)h!["hour"]! == 3)!;
        Assert.Equal((1, -250.00m, 60.00m, 50.00m), ((int)three["trade_count"]!, (decimal)three["pnl_eur"]!, (decimal)three["ref_price_eur_mwh"]!, (decimal)three["mtm_eur"]!));
        Assert.Equal(50.00m, (decimal)report["total"]!["mtm_eur"]!);
    }

    [Fact]
    public async Task AutumnDay_Hour2IsTheFirstOccurrence_ForTradesPricesAndReports()
    {
        (await manager.PostAsJsonAsync("/v1/trades", Trade("a1", "buy", 10, 7000, "2025-10-26", 2), cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await manager.PostAsJsonAsync("/v1/trades", Trade("a2", "sell", 4, 9000, "2025-10-26", 2), cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        // SMARD's quarter-hours give both 02:00s, stored as 100 quarter-hours: the first four 02:00 rows the first occurrence (summer time).
        var smard = await File.ReadAllTextAsync(Path.Combine(Reference.RepositoryRoot, "docs", "samples", "smard_day_ahead_quarterhour_20251026.csv"), TestContext.Current.CancellationToken);
        var prices = await PostCsvAsync("/v1/prices/import?series=day-ahead&file_name=smard.csv", smard);
        Assert.Equal((100, 0), ((int)prices["inserted"]!, (int)prices["rejected_count"]!));

        var listed = JsonNode.Parse(await manager.GetStringAsync("/v1/prices?series=day-ahead&from=2025-10-26&to=2025-10-26", TestContext.Current.CancellationToken))!["hours"]!.AsArray();
        Assert.Equal([76.50m, 78.40m, 80.40m, 82.50m, 70.50m, 72.40m, 74.40m, 76.50m], listed.Where(h => (int)h!["delivery_hour"]! == 2).Select(h => (decimal)h!["price_eur_mwh"]!));
        Assert.Equal(["2025-10-26T00:00:00Z", "2025-10-26T01:00:00Z"], listed.Where(h => (int)h!["delivery_hour"]! == 2).Select(h => (string)h!["start"]!).Where(s => s.EndsWith(":00:00Z")));

        var report = JsonNode.Parse(await manager.GetStringAsync("/v1/reports/pnl?trader_id=trader_1&delivery_day=2025-10-26", TestContext.Current.CancellationToken))!;
        var hours = report["hours"]!.AsArray();
        Assert.Equal([0, 1, 2, 2, .. Enumerable.Range(3, 21)], hours.Select(h => (int)h!["hour"]!)); // 25 hours: the repeated 02:00 after the first
        var two = hours[2]!;
        Assert.Equal(("02:00–03:00", "2025-10-26T00:00:00Z", "02:00–03:00 (2)", "2025-10-26T01:00:00Z", 0),
            ((string)two["label"]!, (string)two["start"]!, (string)hours[3]!["label"]!, (string)hours[3]!["start"]!, (int)hours[3]!["trade_count"]!));
        Assert.Equal(73.45m, (decimal)hours[3]!["ref_price_eur_mwh"]!); // the repeated hour has its own quarters' prices (their mean)
        // Cash (4 × 90.00 − 10 × 70.00) = −340.00 €; the open 6 MW, 1.5 MWh a quarter, marked at 76.50, 78.40, 80.40, 82.50 add 476.70 €
        // (shown at their mean 79.45).
        Assert.Equal((2, 6, -340.00m, 79.45m, 136.70m),
            ((int)two["trade_count"]!, (int)two["net_mw"]!, (decimal)two["pnl_eur"]!, (decimal)two["ref_price_eur_mwh"]!, (decimal)two["mtm_eur"]!));

        var range = JsonNode.Parse(await manager.GetStringAsync("/v1/reports/pnl/range?trader_id=trader_1&from=2025-10-25&to=2025-10-27&granularity=day", TestContext.Current.CancellationToken))!;
        Assert.Equal([0m, -340.00m, 0m], range["periods"]!.AsArray().Select(p => (decimal)p!["pnl_eur"]!));
        Assert.Equal(136.70m, (decimal)range["total"]!["mtm_eur"]!);
    }
}

public sealed class ClockChangeDayTests_Sqlite() : ClockChangeDayTests(DatabaseProvider.Sqlite);

public sealed class ClockChangeDayTests_Postgres() : ClockChangeDayTests(DatabaseProvider.Postgres);
