using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReportsBrowserTests(BrowserFixture fixture)
{
    /// <summary>The sample file's trades, imported through the app's API.</summary>
    internal static async Task<HttpClient> WithSampleTradesAsync(KestrelApp app)
    {
        var api = app.Api();
        var csv = new ByteArrayContent(await File.ReadAllBytesAsync(Reference.File("trades", "epex_trades_20230220.csv")));
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
        var report = JsonNode.Parse(await api.GetStringAsync("/v1/reports/pnl?delivery_day=2023-02-28", TestContext.Current.CancellationToken))!;
        Assert.Equal(-38.34m, (decimal)report["total"]!["pnl_eur"]!);

        var page = session.Page;
        await session.LoginAsync("ben", "Demo-Trader-2!");
        await Expect(page.Locator("#day-dashboard")).ToBeVisibleAsync(); // the traders' home page
        // Without a day the picker shows the day the dashboard opened on.
        await Expect(page.Locator("input#dashboard-day")).Not.ToHaveValueAsync("");
        await session.OpenAsync("/?day=2023-02-28");

        await Expect(page.Locator("input#dashboard-day")).ToHaveValueAsync("2023-02-28");
        var dayPnl = page.Locator("#dashboard-kpis .fp-kpi").Filter(new() { HasText = "Day PnL" }).Locator(".fp-kpi-value");
        await Expect(dayPnl).ToHaveTextAsync("-38.34 €");
        await Expect(dayPnl).ToHaveClassAsync(new Regex("fp-loss"));
        await Expect(page.Locator("#dashboard-kpis .fp-kpi").Filter(new() { HasText = "Trades" })).ToContainTextAsync(report["total"]!["trade_count"]!.ToString());
        await Expect(page.Locator("#dashboard-kpis .fp-kpi").Filter(new() { HasText = "Bought" })).ToContainTextAsync("57 MW");
        await Expect(page.Locator("#dashboard-kpis .fp-kpi").Filter(new() { HasText = "Sold" })).ToContainTextAsync("18 MW");
        await Expect(page.Locator("#hourly-table tbody tr")).ToHaveCountAsync(24);
        await Expect(page.Locator("#hourly-table tbody tr").Nth(9)).ToContainTextAsync("-44.46 €");
        await Expect(page.Locator("#hourly-table tbody tr").Nth(20)).ToContainTextAsync("+6.12 €");
        await Expect(page.Locator("#hourly-total")).ToHaveTextAsync("-38.34 €");
        // plotly draws the chart: bars and the cumulative line, hour labels on a category axis.
        await Expect(page.Locator("#hourly-chart .xtick").First).ToHaveTextAsync("0 - 1");
        await Expect(page.Locator("#hourly-chart .legend")).ToContainTextAsync("Cumulative");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Manager_SeesTheLeaderboardFirst_DrillsDownToATradersDay_AndGoesBackToTheSameRange()
    {
        await using var session = await fixture.StartAsync();
        using var _ = await WithSampleTradesAsync(session.App);
        var page = session.Page;
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await session.WaitForInteractiveAsync();
        await page.Locator("#nav-drawer").GetByText("Reports").ClickAsync();
        // Opens on the 30 days up to the latest day with trades, by day, with the leaderboard above the charts.
        await Expect(page.Locator("#leaderboard")).ToContainTextAsync("trader_");
        await Expect(page.Locator("#report-granularity")).ToHaveValueAsync("day");
        Assert.True(await page.Locator("#leaderboard").EvaluateAsync<bool>("l => l.getBoundingClientRect().top < document.querySelector('#range-chart').getBoundingClientRect().top"));
        await Expect(page.Locator("#volume-chart .legend")).ToContainTextAsync("Sold");

        // A month opens by day...
        await session.OpenAsync("/reports?from=2023-02-01&to=2023-02-28&granularity=month");
        await page.Locator("#period-table tbody tr").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("granularity=day"));

        // ... a trader's day opens their day report, and "back" returns to exactly that range.
        var range = "/reports?from=2023-02-20&to=2023-02-28&granularity=day&trader=trader_2";
        await session.OpenAsync(range);
        await page.Locator("#period-table tbody tr").Filter(new() { HasText = "2023-02-28" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"reports/day\?trader=trader_2&day=2023-02-28&back="));
        await Expect(page.Locator("#hourly-total")).ToHaveTextAsync("-38.34 €");
        await page.ClickAsync("#back-to-range");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(range) + "$"));

        // A single day's leaderboard opens the trader's day report too.
        await session.OpenAsync("/reports?from=2023-02-28&to=2023-02-28&granularity=day");
        await page.Locator("#leaderboard tbody tr").Filter(new() { HasText = "trader_2" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"reports/day\?trader=trader_2&day=2023-02-28"));
        await Expect(page.Locator("#hourly-total")).ToHaveTextAsync("-38.34 €");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task ReloadingAChartPage_AgainAndAgain_LeavesNoRequestHanging()
    {
        // Each reload disposes the previous circuit's charts; that once held the browser's disconnect request open for
        // a minute, and after a few reloads the browser had no connection left for the next page (~27 s stalls).
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync("anna", "Demo-Trader-1!");
        await session.WaitForInteractiveAsync();
        for (var load = 1; load <= 10; load++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await session.OpenAsync("/reports");
            await Expect(page.Locator("#range-chart .main-svg").First).ToBeVisibleAsync();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"load {load} took {clock.Elapsed.TotalSeconds:N1} s");
        }
        Assert.Empty(session.Problems);

        // Every circuit's disconnect request has been answered: a graceful stop finds nothing left in flight.
        await page.GotoAsync("about:blank");
        var stop = System.Diagnostics.Stopwatch.StartNew();
        await session.App.StopServingAsync(grace: TimeSpan.FromSeconds(20));
        Assert.True(stop.Elapsed < TimeSpan.FromSeconds(5), $"requests were still open {stop.Elapsed.TotalSeconds:N1} s after the last page closed");
    }
}
