using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FlexPower.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TradesBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Manager_FiltersAndSortsTheTradesPage_TheUrlCarriesBoth_AndABadRangeDisablesTheExport()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await session.WaitForInteractiveAsync();

        await page.Locator("#nav-drawer").GetByText("Trades").ClickAsync();
        await Expect(page.Locator("#trades-grid tbody tr").First).ToContainTextAsync("trader_");
        var allTrades = await KpiAsync(page, "Trades");
        Assert.NotEqual("0", allTrades);
        await Expect(Kpi(page, "PnL")).ToHaveTextAsync(new Regex(@"^[+-]?[\d,]+\.\d\d €$"));

        await session.ChooseAsync("filter-direction", "sell");
        await Expect(page).ToHaveURLAsync(new Regex("direction=sell"));
        await Expect(Kpi(page, "Bought")).ToHaveTextAsync("0 MW");
        // One direction is not a PnL: the tile says what the figure is.
        await Expect(page.Locator("#trade-totals")).ToContainTextAsync("Sell value");
        await Expect(page.Locator("#trade-totals")).Not.ToContainTextAsync("PnL");
        await Expect(page.Locator("#trades-grid tbody")).Not.ToContainTextAsync("buy");

        await session.ChooseAsync("filter-trader", "trader_2");
        await Expect(page).ToHaveURLAsync(new Regex("trader=trader_2"));
        await page.Locator("#trades-grid th").Filter(new() { HasText = "Price" }).Locator(".sortable-column-header").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("sort=price"));
        // The URL changes before the grid has reloaded: wait until the rows shown are trader_2's, cheapest first.
        await Wait.UntilAsync(async () =>
        {
            var rows = (await page.Locator("#trades-grid tbody tr").AllInnerTextsAsync()).Take(5).Select(r => r.Split('\t')).ToList();
            var prices = rows.Select(cells => decimal.Parse(cells[4], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            return rows.Count > 1 && rows.All(cells => cells[5] == "trader_2") && prices.Zip(prices.Skip(1)).All(pair => pair.First <= pair.Second);
        }, "the grid shows trader_2's sells by price");
        var cheapest = await page.Locator("#trades-grid tbody tr").First.InnerTextAsync();

        // The URL carries filter and sort: opening it fresh shows the same totals and order.
        var sharedUrl = page.Url;
        var sellTrades = await KpiAsync(page, "Trades");
        await session.OpenAsync(sharedUrl);
        await Expect(Kpi(page, "Trades")).ToHaveTextAsync(sellTrades);
        await Expect(page.Locator("#trades-grid tbody tr").First).ToHaveTextAsync(cheapest);

        // From after To: both dates stay as typed, the problem is shown, the export is off until it is fixed.
        var to = await page.InputValueAsync("input#filter-to");
        await page.FillAsync("input#filter-from", "2099-01-01");
        await page.PressAsync("input#filter-from", "Tab");
        await Expect(page.Locator(".mud-input-helper-text.mud-input-error").First).ToContainTextAsync("is after To");
        await Expect(page.Locator("#export-csv")).ToBeDisabledAsync();
        Assert.Equal("2099-01-01", await page.InputValueAsync("input#filter-from"));
        Assert.Equal(to, await page.InputValueAsync("input#filter-to"));
        await page.FillAsync("input#filter-from", to);
        await page.PressAsync("input#filter-from", "Tab");
        await Expect(page.Locator("#export-csv")).ToBeEnabledAsync();

        // Enter applies a typed day (it does not open the calendar); text that is no day is named, the figures dimmed.
        await page.FillAsync("input#filter-from", "2026-02-30");
        await page.PressAsync("input#filter-from", "Enter");
        await Expect(page.Locator(".mud-input-helper-text.mud-input-error").First).ToContainTextAsync("“2026-02-30” is not a day");
        await Expect(page.Locator("#trade-figures")).ToHaveClassAsync(new Regex("fp-stale"));
        var dayBefore = DateOnly.ParseExact(to, "yyyy-MM-dd").AddDays(-1).ToString("yyyy-MM-dd");
        await page.FillAsync("input#filter-from", dayBefore);
        await page.PressAsync("input#filter-from", "Enter");
        await Expect(page.Locator("#trade-figures")).Not.ToHaveClassAsync(new Regex("fp-stale"));
        await Expect(page).ToHaveURLAsync(new Regex($"from={dayBefore}"));
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
        await Expect(page.Locator("#export-csv")).ToHaveAttributeAsync("href", new Regex(@"trades/export\.csv\?.*direction=sell"));
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task TradePostedThroughTheApi_AppearsOnAnOpenPage_Highlighted_WithoutReload()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync("ben", "Demo-Trader-2!");
        await session.WaitForInteractiveAsync();
        await session.OpenAsync("/trades?from=2023-01-10&to=2023-01-10"); // a day without demo trades
        await Expect(page.Locator("#trades-grid")).ToContainTextAsync("No trades match this filter.");

        using var api = session.App.Api();
        var someoneElses = await api.PostAsJsonAsync("/v1/trades", new { id = "live-1", price = 7800, quantity = 5, direction = "sell", delivery_day = "2023-01-10", delivery_hour = 9, trader_id = "trader_1", execution_time = "2023-01-10T07:00:00Z" }, cancellationToken: TestContext.Current.CancellationToken);
        var bens = await api.PostAsJsonAsync("/v1/trades", new { id = "live-2", price = 7800, quantity = 57, direction = "buy", delivery_day = "2023-01-10", delivery_hour = 9, trader_id = "trader_2", execution_time = "2023-01-10T07:45:12Z" }, cancellationToken: TestContext.Current.CancellationToken);
        someoneElses.EnsureSuccessStatusCode();
        bens.EnsureSuccessStatusCode();

        var arrived = page.Locator("#trades-grid tbody tr").Filter(new() { HasText = "live-2" });
        await Expect(arrived).ToHaveClassAsync(new Regex("fp-arrived-[ab]"));
        await Expect(arrived).ToContainTextAsync("-4,446.00 €");
        await Expect(Kpi(page, "PnL")).ToHaveTextAsync("-4,446.00 €");
        await Expect(page.Locator("#trades-grid")).Not.ToContainTextAsync("live-1");

        // A crafted link asking for another trader still shows only ben's own trades, and offers no trader picker.
        await session.OpenAsync("/trades?trader=trader_1&from=2023-01-10&to=2023-01-10");
        await Expect(page.Locator("#trades-grid")).ToContainTextAsync("live-2");
        await Expect(page.Locator("#trades-grid")).Not.ToContainTextAsync("live-1");
        await Expect(page.Locator("#filter-trader")).ToHaveCountAsync(0);
        await Expect(page.Locator("#trades-grid thead")).Not.ToContainTextAsync("Trader");
    }

    private static ILocator Kpi(IPage page, string title) =>
        page.Locator("#trade-totals .fp-kpi").Filter(new() { HasText = title }).Locator(".fp-kpi-value");

    private static Task<string> KpiAsync(IPage page, string title) => Kpi(page, title).InnerTextAsync();
}
