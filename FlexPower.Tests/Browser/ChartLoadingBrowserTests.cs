using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ChartLoadingBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task LeavingAChartPage_BeforePlotlyHasLoaded_StillDrawsTheNextPagesCharts()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        // plotly.js is held back until the trader has left the home page, whose charts are queued waiting for it.
        var requested = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/plotly-basic-*.js", async route =>
        {
            requested.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });

        await session.LoginAsync("anna", "Demo-Trader-1!");
        await session.WaitForInteractiveAsync();
        await requested.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await page.Locator("#nav-drawer").GetByText("Planner").ClickAsync();
        await Expect(page.Locator("#plan-table")).ToBeVisibleAsync();
        release.SetResult();

        await Expect(page.Locator("#merit-order-chart .legend")).ToContainTextAsync("Load 910.0 MW");
        await Expect(page.Locator("#output-chart .main-svg").First).ToBeVisibleAsync();
        Assert.Empty(errors);
        Assert.Empty(session.Problems);
    }
}
