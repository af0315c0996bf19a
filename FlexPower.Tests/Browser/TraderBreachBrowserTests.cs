using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TraderBreachBrowserTests(BrowserFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TraderOverTheirLimit_SeesTheStripOnEveryPage_AndItLeadsToTheMarkedHour_NeverAnotherTradersBreach()
    {
        await using var session = await fixture.StartAsync(seedDemo: false);
        var page = session.Page;
        using var api = session.App.Api();
        foreach (var (user, trader) in new[] { ("anna", "trader_1"), ("ben", "trader_2") })
        {
            (await api.PostAsJsonAsync("/v1/users", new { user_name = user, password = "Trader-Passw0rd!", role = "Trader", trader_id = trader }, Token)).EnsureSuccessStatusCode();
            (await api.PutAsJsonAsync($"/v1/limits/{trader}", new { max_open_mw = 40 }, Token)).EnsureSuccessStatusCode();
        }
        await PostTradeAsync(api, "anna-over", "trader_1", 9, 89);
        await PostTradeAsync(api, "anna-inside", "trader_1", 10, 10);
        await PostTradeAsync(api, "ben-over", "trader_2", 11, 99);

        await session.LoginAsync("anna", "Trader-Passw0rd!");
        await session.WaitForInteractiveAsync();
        await session.OpenAsync("/trades");

        var strip = page.Locator("#limit-alert");
        await Expect(strip).ToContainTextAsync("You are over your limit: 1 breach");
        await Expect(strip).ToContainTextAsync("2023-01-10: 9 - 10");
        await Expect(strip).Not.ToContainTextAsync("11 - 12");
        await Expect(strip).Not.ToContainTextAsync("trader_2");

        await strip.GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/\?day=2023-01-10$"));
        var marked = page.Locator("#hourly-table tbody tr.fp-breach");
        await Expect(marked).ToHaveCountAsync(1);
        await Expect(marked).ToContainTextAsync("9 - 10");
        await Expect(marked.Locator(".fp-breach-mark")).ToBeVisibleAsync();
        await Expect(page.Locator("#limit-usage-open")).ToContainTextAsync("89 MW of 40 MW");
        // The limits card is the first thing on the home page, above the dashboard's charts.
        var usage = await page.Locator("#limit-usage").BoundingBoxAsync();
        var dashboard = await page.Locator("#day-dashboard").BoundingBoxAsync();
        Assert.True(usage!.Y < dashboard!.Y && usage.Y < 400, $"limits card at {usage.Y} px, dashboard at {dashboard.Y} px");
        Assert.Empty(session.Problems);
    }

    private static async Task PostTradeAsync(HttpClient api, string id, string trader, int hour, int mw) =>
        (await api.PostAsJsonAsync("/v1/trades", new
        {
            id, price = 7800, quantity = mw, direction = "buy", delivery_day = "2023-01-10", delivery_hour = hour, trader_id = trader,
            execution_time = "2023-01-10T07:00:00Z",
        }, Token)).EnsureSuccessStatusCode();
}
