using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PlannerBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task EditingTheLoad_UpdatesThePlanAndTheCharts_WhichStayBesideTheInputs()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync("anna", "Demo-Trader-1!");
        await session.WaitForInteractiveAsync();
        await page.Locator("#nav-drawer").GetByText("Planner").ClickAsync();

        // The reference fleet at 910 MW: response3's plan.
        var big2 = page.Locator("#plan-table tbody tr").Filter(new() { HasText = "gasfiredbig2" });
        await Expect(big2).ToContainTextAsync("338.4");
        await Expect(page.Locator("#merit-order-chart .legend")).ToContainTextAsync("Load 910.0 MW");

        // On a desktop the plan sits beside the sliders, inside the first screen.
        var slider = await page.Locator("#planner-load-slider").BoundingBoxAsync();
        var table = await page.Locator("#plan-table").BoundingBoxAsync();
        Assert.True(table!.X > slider!.X + slider.Width, "the plan is to the right of the sliders");
        Assert.True(table.Y < 900, "the plan table starts within the first screen");

        await page.FillAsync("input#planner-load", "480");
        await page.PressAsync("input#planner-load", "Tab");

        // 480 MW: both wind parks (111.6 MW) and the first big gas plant for the remaining 368.4 MW.
        await Expect(page.Locator("#plan-table tbody tr").Filter(new() { HasText = "gasfiredbig1" })).ToContainTextAsync("368.4");
        await Expect(big2).ToContainTextAsync("0.0");
        await Expect(page.Locator("#merit-order-chart .legend")).ToContainTextAsync("Load 480.0 MW");
        await Expect(page.Locator("#plan-kpis")).ToContainTextAsync("gasfiredbig1");

        // The what-if slider moves the load the plan shows.
        await page.Locator("#planner-load-slider").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("#merit-order-caption")).ToContainTextAsync("Load 481.0 MW");

        // An infeasible load explains itself instead of showing a plan.
        await page.FillAsync("input#planner-load", "5000");
        await page.PressAsync("input#planner-load", "Tab");
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
        await session.OpenAsync("/planner");
        await page.FillAsync("input#planner-load", "700");
        await page.PressAsync("input#planner-load", "Tab");
        await page.FillAsync("#scenario-name", "peak evening");
        await page.ClickAsync("#scenario-save");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Saved scenario 'peak evening'");

        await page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("#merit-order-caption")).ToContainTextAsync("Load 910.0 MW");
        await session.ChooseAsync("scenario-open", "peak evening");

        await Expect(page.Locator("#merit-order-caption")).ToContainTextAsync("Load 700.0 MW");
    }
}
