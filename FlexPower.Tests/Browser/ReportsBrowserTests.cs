using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(BrowserFixture fixture)
{
    /// <summary>The sample file's trades, imported through the app's API.</summary>
    private static async Task<HttpClient> WithSampleTradesAsync(KestrelApp app)
    {
        var api = app.Api();
        var csv = new ByteArrayContent(await File.ReadAllBytesAsync(Reference.File("flexpower", "epex_trades_20230220.csv")));
        csv.Headers.ContentType = new("text/csv");
        (await api.PostAsync("/v1/trades/import?force=true", csv)).EnsureSuccessStatusCode();
        return api;
    }

    [Fact]
    public async Task Trader_SeesTheDashboard_WithTheApisNumbers()
    {
        await using var session = await fixture.StartAsync();
        using var api = await WithSampleTradesAsync(session.App);
        api.DefaultRequestHeaders.Authorization = FlexPowerFactory.Basic("ben", "Demo-Trader-2!");
        var report = JsonNode.Parse(await api.GetStringAsync("/v1/reports/pnl?delivery_day=2023-02-28"))!;
        Assert.Equal(-38.34m, (decimal)report["total"]!["pnl_eur"]!);

        var page = session.Page;
        await session.LoginAsync("ben", "Demo-Trader-2!");
        await Expect(page.Locator("#day-dashboard")).ToBeVisibleAsync(); // the traders' home page
        await page.GotoAsync("/?day=2023-02-28");
        await session.WaitForInteractiveAsync();

        await Expect(page.Locator("#dashboard-kpis .fp-kpi").Filter(new() { HasText = "Day PnL" })).ToContainTextAsync("-38.34 €");
        await Expect(page.Locator("#dashboard-kpis .fp-kpi").Filter(new() { HasText = "Trades" })).ToContainTextAsync(report["total"]!["trade_count"]!.ToString());
        await Expect(page.Locator("#dashboard-kpis .fp-kpi").Filter(new() { HasText = "Bought" })).ToContainTextAsync("57 MW");
        await Expect(page.Locator("#dashboard-kpis .fp-kpi").Filter(new() { HasText = "Sold" })).ToContainTextAsync("18 MW");
        await Expect(page.Locator("#hourly-table tbody tr")).ToHaveCountAsync(24);
        await Expect(page.Locator("#hourly-table tbody tr").Nth(9)).ToContainTextAsync("-44.46 €");
        await Expect(page.Locator("#hourly-table tbody tr").Nth(20)).ToContainTextAsync("+6.12 €");
        await Expect(page.Locator("#hourly-total")).ToHaveTextAsync("-38.34 €");
        await Expect(page.Locator("#hourly-chart")).ToBeVisibleAsync();
        await session.ScreenshotAsync("30-trader-dashboard");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Manager_OpensTheLeaderboard_AndDrillsDownToOneTradersDay()
    {
        await using var session = await fixture.StartAsync();
        using var _ = await WithSampleTradesAsync(session.App);
        var page = session.Page;
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await session.WaitForInteractiveAsync();
        await page.Locator(".rz-sidebar").GetByText("Reports").ClickAsync();
        await Expect(page.Locator("#leaderboard")).ToContainTextAsync("trader_");
        await session.ScreenshotAsync("31-reports-desk");

        // A month opens by day...
        await page.GotoAsync("/reports?from=2023-02-01&to=2023-02-28&granularity=month");
        await session.WaitForInteractiveAsync();
        await page.Locator("#period-table tbody tr").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("granularity=day"));

        // ... a single day's leaderboard opens the trader's day report.
        await page.GotoAsync("/reports?from=2023-02-28&to=2023-02-28&granularity=day");
        await session.WaitForInteractiveAsync();
        await page.Locator("#leaderboard tbody tr").Filter(new() { HasText = "trader_2" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"reports/day\?trader=trader_2&day=2023-02-28"));
        await Expect(page.Locator("#hourly-total")).ToHaveTextAsync("-38.34 €");
        await session.ScreenshotAsync("32-manager-drilldown-day");
        Assert.Empty(session.Problems);
    }
}
