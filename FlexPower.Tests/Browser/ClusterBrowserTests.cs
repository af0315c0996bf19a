using System.Net.Http.Json;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

/// <summary>Two instances on one PostgreSQL database, as a desk that outgrew one process runs them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ClusterBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task TradePostedToInstanceA_AppearsLiveOnTheTradesPageServedByInstanceB()
    {
        await using var database = await TempDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var a = KestrelApp.Start(database);
        await using var b = KestrelApp.Start(database, seedDemo: false);
        await using var session = await fixture.OpenAsync(b);
        var page = session.Page;
        await session.LoginAsync("ben", "Demo-Trader-2!");
        await session.WaitForInteractiveAsync();
        await session.OpenAsync("/trades?from=2023-01-10&to=2023-01-10"); // a day without demo trades
        await Expect(page.Locator("#trades-grid")).ToContainTextAsync("No trades match this filter.");

        using var api = a.Api();
        var posted = await api.PostAsJsonAsync("/v1/trades", new { id = "from-a", price = 7800, quantity = 57, direction = "buy", delivery_day = "2023-01-10", delivery_hour = 9, trader_id = "trader_2", execution_time = "2023-01-10T07:45:12Z" }, cancellationToken: TestContext.Current.CancellationToken);
        posted.EnsureSuccessStatusCode();

        var arrived = page.Locator("#trades-grid tbody tr").Filter(new() { HasText = "from-a" });
        await Expect(arrived).ToContainTextAsync("-4,446.00 €", new() { Timeout = 5_000 });
        Assert.Contains(b.BaseUrl, page.Url);
        Assert.Empty(session.Problems);
    }
}
