using FlexPower.Tests.Support;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TradesBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Manager_FiltersTheTradesPage_AndTheTotalsChange()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await session.WaitForInteractiveAsync();

        await page.Locator(".rz-sidebar").GetByText("Trades").ClickAsync();
        await Expect(page.Locator("#trades-grid tbody tr").First).ToContainTextAsync("trader_");
        var allTrades = await KpiAsync(page, "Trades");
        var bought = await KpiAsync(page, "Bought");
        Assert.NotEqual("0", allTrades);
        await session.ScreenshotAsync("10-trades-all");

        await page.ClickAsync("#filter-direction");
        await page.Locator(".rz-dropdown-item").GetByText("sell", new() { Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("direction=sell"));
        await Expect(Kpi(page, "Bought")).ToHaveTextAsync("0 MW");
        Assert.NotEqual("0 MW", bought);
        Assert.NotEqual(allTrades, await KpiAsync(page, "Trades"));
        await Expect(page.Locator("#trades-grid tbody")).Not.ToContainTextAsync("buy");
        await session.ScreenshotAsync("11-trades-sell-only");

        // The URL carries the filter: opening it in a fresh page shows the same totals.
        var sharedUrl = page.Url;
        var sellTrades = await KpiAsync(page, "Trades");
        await page.GotoAsync(sharedUrl);
        await Expect(Kpi(page, "Trades")).ToHaveTextAsync(sellTrades);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task TradePostedThroughTheApi_AppearsOnAnOpenPage_WithoutReload()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync("ben", "Demo-Trader-2!");
        await session.WaitForInteractiveAsync();
        await page.GotoAsync("/trades?from=2023-01-10&to=2023-01-10"); // a day without demo trades
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("#trades-grid")).ToContainTextAsync("No trades match this filter.");

        using var api = session.App.Api();
        var someoneElses = await api.PostAsJsonAsync("/v1/trades", new { id = "live-1", price = 7800, quantity = 5, direction = "sell", delivery_day = "2023-01-10", delivery_hour = 9, trader_id = "trader_1", execution_time = "2023-01-10T07:00:00Z" });
        var bens = await api.PostAsJsonAsync("/v1/trades", new { id = "live-2", price = 7800, quantity = 57, direction = "buy", delivery_day = "2023-01-10", delivery_hour = 9, trader_id = "trader_2", execution_time = "2023-01-10T07:45:12Z" });
        someoneElses.EnsureSuccessStatusCode();
        bens.EnsureSuccessStatusCode();

        await Expect(page.Locator("#trades-grid")).ToContainTextAsync("live-2");
        await Expect(Kpi(page, "PnL")).ToHaveTextAsync("-4,446.00 €");
        await Expect(page.Locator("#trades-grid")).Not.ToContainTextAsync("live-1");
        await session.ScreenshotAsync("12-trades-live");

        // A crafted link asking for another trader still shows only ben's own trades.
        await page.GotoAsync("/trades?trader=trader_1&from=2023-01-10&to=2023-01-10");
        await Expect(page.Locator("#trades-grid")).ToContainTextAsync("live-2");
        await Expect(page.Locator("#trades-grid")).Not.ToContainTextAsync("live-1");
        await Expect(page.Locator("#filter-trader")).ToHaveCountAsync(0);
    }

    private static Microsoft.Playwright.ILocator Kpi(Microsoft.Playwright.IPage page, string title) =>
        page.Locator("#trade-totals .fp-kpi").Filter(new() { HasText = title }).Locator(".fp-kpi-value");

    private static Task<string> KpiAsync(Microsoft.Playwright.IPage page, string title) => Kpi(page, title).InnerTextAsync();
}
