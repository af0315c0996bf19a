using System.Net.Http.Json;
using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AlertsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ALimitSetOnThePage_IsBreachedByAnApiTrade_AndTheAlertAppearsAndClearsOnTheOpenAlertsPage()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await session.WaitForInteractiveAsync();

        await session.OpenAsync("/limits");
        await page.Locator("#limit-trader").FillAsync("trader_1");
        await page.Locator("#limit-mw").FillAsync("50");
        await page.Locator("#limit-mw").PressAsync("Tab");
        await page.Locator("#limit-save").ClickAsync();
        await Expect(page.Locator("#limits-table tbody tr").Filter(new() { HasText = "trader_1" })).ToContainTextAsync("50");

        await session.OpenAsync("/alerts");
        // (The demo trader's latest day is held to the new limit too; this test watches a day of its own.)
        var limitAlerts = page.Locator("#open-alerts-table tbody tr").Filter(new() { HasText = "trader_1 2023-01-10" });
        await Expect(limitAlerts).ToHaveCountAsync(0);

        using var api = session.App.Api();
        (await api.PostAsJsonAsync("/v1/trades", new { id = "big-1", price = 7800, quantity = 60, direction = "buy", delivery_day = "2023-01-10", delivery_hour = 9, trader_id = "trader_1", execution_time = "2023-01-10T07:00:00Z" }, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await Expect(limitAlerts).ToHaveCountAsync(1);
        await Expect(limitAlerts).ToContainTextAsync("trader_1 is long 60 MW in delivery hour 9 - 10 of 2023-01-10");

        (await api.PostAsJsonAsync("/v1/trades", new { id = "hedge-1", price = 8100, quantity = 20, direction = "sell", delivery_day = "2023-01-10", delivery_hour = 9, trader_id = "trader_1", execution_time = "2023-01-10T07:05:00Z" }, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await Expect(limitAlerts).ToHaveCountAsync(0);
        await Expect(page.Locator("#alert-history-table")).ToContainTextAsync("Back inside the limit.");

        // Elsewhere in the app, the open breach is a strip above the page.
        (await api.PostAsJsonAsync("/v1/trades", new { id = "big-2", price = 7800, quantity = 60, direction = "sell", delivery_day = "2023-01-10", delivery_hour = 10, trader_id = "trader_1", execution_time = "2023-01-10T08:00:00Z" }, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await session.OpenAsync("/trades");
        await Expect(page.Locator("#limit-alert")).ToContainTextAsync("limit breach");
        Assert.Empty(session.Problems);
    }
}
