using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

/// <summary>Every page at 1440 px and 390 px, light and dark, into the screenshots folder — for people to look at — and none logs a browser error.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTourTests(BrowserFixture fixture)
{
    private static readonly string[] ManagerPages =
        ["/", "/reports", "/reports/day?trader=trader_2&day=2023-02-28", "/trades", "/imports", "/planner", "/prices", "/alerts", "/limits", "/users", "/audit", "/no-such-page"];

    private static readonly string[] TraderPages = ["/", "/reports", "/trades?direction=sell"];

    [Theory]
    [InlineData(1440, false)]
    [InlineData(1440, true)]
    [InlineData(390, false)]
    [InlineData(390, true)]
    public async Task EveryPage_RendersWithoutBrowserErrors(int width, bool dark)
    {
        await using var manager = await fixture.StartAsync(width: width, height: width < 600 ? 844 : 900);
        using var _ = await ReportsBrowserTests.WithSampleTradesAsync(manager.App);
        var prefix = $"{width}-{(dark ? "dark" : "light")}";
        await manager.UseThemeAsync(dark);

        await manager.Page.GotoAsync("/Account/Login");
        await manager.ScreenshotAsync($"{prefix}-login");
        await manager.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await manager.WaitForInteractiveAsync();
        foreach (var path in ManagerPages) await ShootAsync(manager, path, $"{prefix}-manager");
        await manager.Page.GotoAsync("/Account/ChangePassword");
        await manager.ScreenshotAsync($"{prefix}-change-password");

        await using var trader = await manager.AnotherUserAsync(width, width < 600 ? 844 : 900);
        await trader.UseThemeAsync(dark);
        await trader.LoginAsync("ben", "Demo-Trader-2!");
        await trader.WaitForInteractiveAsync();
        foreach (var path in TraderPages) await ShootAsync(trader, path, $"{prefix}-trader");
        await trader.Page.GotoAsync("/users");
        await Expect(trader.Page.Locator("#access-denied")).ToBeVisibleAsync();
        await trader.ScreenshotAsync($"{prefix}-trader-access-denied");
        await trader.Page.GotoAsync("/prices");
        await Expect(trader.Page.Locator("#access-denied")).ToBeVisibleAsync();
        await trader.Page.GotoAsync("/audit");
        await Expect(trader.Page.Locator("#access-denied")).ToBeVisibleAsync();

        Assert.Empty(manager.Problems);
        Assert.Empty(trader.Problems);
    }

    private static async Task ShootAsync(BrowserSession session, string path, string prefix)
    {
        var problemsBefore = session.Problems.Count;
        await session.OpenAsync(path);
        // The not-found page answers 404 on purpose (the browser logs that as a console error); nothing else may.
        if (path == "/no-such-page") session.Problems.RemoveRange(problemsBefore, session.Problems.Count - problemsBefore);
        // Charts draw once plotly.js has loaded; grids fill once the circuit asked for their rows.
        if (await session.Page.Locator(".fp-chart").CountAsync() > 0)
            await Expect(session.Page.Locator(".fp-chart .main-svg").First).ToBeVisibleAsync();
        if (await session.Page.Locator("#trades-grid").CountAsync() > 0)
            await Expect(session.Page.Locator("#trades-grid .mud-progress-linear")).ToHaveCountAsync(0);
        var name = path.Trim('/').Split('?')[0].Replace('/', '-');
        await session.ScreenshotAsync($"{prefix}-{(name.Length == 0 ? "home" : name)}");
    }
}
