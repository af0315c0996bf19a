using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PlannerBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task EditingTheLoad_UpdatesThePlanAndTheCharts()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync("anna", "Demo-Trader-1!");
        await session.WaitForInteractiveAsync();
        await page.Locator(".rz-sidebar").GetByText("Planner").ClickAsync();

        // The reference fleet at 910 MW: response3's plan.
        var big2 = page.Locator("#plan-table tbody tr").Filter(new() { HasText = "gasfiredbig2" });
        await Expect(big2).ToContainTextAsync("338.4");
        await Expect(page.Locator("#merit-order-chart")).ToContainTextAsync("Load 910.0 MW");
        await session.ScreenshotAsync("40-planner-910");

        await page.Locator("#planner-load input").FillAsync("480");
        await page.Locator("#planner-load input").PressAsync("Tab");

        // 480 MW: both wind parks (111.6 MW) and the first big gas plant for the remaining 368.4 MW.
        await Expect(page.Locator("#plan-table tbody tr").Filter(new() { HasText = "gasfiredbig1" })).ToContainTextAsync("368.4");
        await Expect(big2).ToContainTextAsync("0.0");
        await Expect(page.Locator("#merit-order-chart")).ToContainTextAsync("Load 480.0 MW");
        await Expect(page.Locator("#plan-kpis")).ToContainTextAsync("gasfiredbig1");
        await session.ScreenshotAsync("41-planner-480");
        await page.Locator("#plan-table").ScrollIntoViewIfNeededAsync();
        await page.Locator("main").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "42-planner-results.png") });

        // An infeasible load explains itself instead of showing a plan.
        await page.Locator("#planner-load input").FillAsync("5000");
        await page.Locator("#planner-load input").PressAsync("Tab");
        await Expect(page.Locator(".planner-error")).ToContainTextAsync("above the fleet's total available capacity");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task SavedScenario_CanBeReopened()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync("chloe", "Demo-Trader-3!");
        await session.WaitForInteractiveAsync();
        await page.GotoAsync("/planner");
        await session.WaitForInteractiveAsync();
        await page.Locator("#planner-load input").FillAsync("700");
        await page.Locator("#planner-load input").PressAsync("Tab");
        await page.Locator("#scenario-name").FillAsync("peak evening");
        await page.ClickAsync("#scenario-save");
        await Expect(page.Locator(".rz-notification")).ToContainTextAsync("Saved scenario 'peak evening'");

        await page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("#merit-order-chart")).ToContainTextAsync("Load 910.0 MW");
        await page.ClickAsync("#scenario-open");
        await page.Locator(".rz-dropdown-item").GetByText("peak evening").ClickAsync();

        await Expect(page.Locator("#merit-order-chart")).ToContainTextAsync("Load 700.0 MW");
    }
}
