using FlexPower.Tests.Support;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ShellBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Manager_LogsIn_SeesTheShell_CreatesATrader_AndLogsOut()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await session.ScreenshotAsync("01-login");
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);

        await Expect(page.Locator("#greeting")).ToContainTextAsync(KestrelApp.ManagerName);
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("#role-line")).ToContainTextAsync("Manager");
        await Expect(page.Locator(".rz-sidebar")).ToContainTextAsync("Users");
        await session.ScreenshotAsync("02-manager-home");

        await page.Locator(".rz-sidebar").GetByText("Users").ClickAsync();
        await Expect(page.Locator("#users-grid")).ToContainTextAsync("anna");
        await page.FillAsync("#new-user-name", "tessa");
        await page.FillAsync("#new-user-password", "Tessa-Passw0rd!");
        await page.FillAsync("#new-user-trader-id", "trader_42");
        await page.ClickAsync("#create-user");
        await Expect(page.Locator("#users-grid")).ToContainTextAsync("trader_42");
        await session.ScreenshotAsync("03-users-created");

        await page.ClickAsync("#user-menu");
        await page.GetByText("Log out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.GotoAsync("/users");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));

        await session.LoginAsync("tessa", "Tessa-Passw0rd!");
        await Expect(page.Locator("#role-line")).ToContainTextAsync("trader_42");
        await Expect(page.Locator(".rz-sidebar")).Not.ToContainTextAsync("Users");
        await session.ScreenshotAsync("04-trader-home");

        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsAnErrorAndStaysOnLogin()
    {
        await using var session = await fixture.StartAsync();
        await session.LoginAsync(KestrelApp.ManagerName, "not-the-password");

        await Expect(session.Page.Locator("#login-error")).ToHaveTextAsync("Invalid user name or password.");
        await Expect(session.Page).ToHaveURLAsync(new Regex("/Account/Login"));
        await session.ScreenshotAsync("05-login-error");
    }

    [Fact]
    public async Task Trader_OpeningTheUsersPage_IsDenied()
    {
        await using var session = await fixture.StartAsync();
        await session.LoginAsync("ben", "Demo-Trader-2!");
        await Expect(session.Page.Locator("#greeting")).ToContainTextAsync("ben");

        await session.Page.GotoAsync("/users");

        await Expect(session.Page.GetByText("Access denied").First).ToBeVisibleAsync();
        await Expect(session.Page.Locator("#users-grid")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ThemeToggle_SwitchesToDark_AndSurvivesAReload()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync("chloe", "Demo-Trader-3!");
        await Expect(page.Locator("#greeting")).ToContainTextAsync("chloe");
        await session.WaitForInteractiveAsync();

        await page.Locator("button[title='Switch light / dark theme']").ClickAsync();
        await Expect(page.Locator("#radzen-theme-link")).ToHaveAttributeAsync("href", new Regex("material-dark"));
        await page.ReloadAsync();

        await Expect(page.Locator("#radzen-theme-link")).ToHaveAttributeAsync("href", new Regex("material-dark"));
        await session.ScreenshotAsync("06-dark-theme");
    }

    [Fact]
    public async Task UnknownPage_ShowsTheNotFoundPage()
    {
        await using var session = await fixture.StartAsync();
        var response = await session.Page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        await Expect(session.Page.Locator("#not-found")).ToContainTextAsync("Page not found");
    }
}
