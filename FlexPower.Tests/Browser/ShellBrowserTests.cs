using FlexPower.Tests.Support;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ShellBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Manager_LogsIn_SeesTheShell_AndLogsOut()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);

        await Expect(page.Locator("#greeting")).ToContainTextAsync(KestrelApp.ManagerName);
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("#role-line")).ToContainTextAsync("Manager");
        await Expect(page.Locator("#nav-drawer")).ToContainTextAsync("Users");
        await Expect(page.Locator("#desk-kpis")).ToContainTextAsync("Month to date");

        // The user menu: API reference in a new tab, change password, log out.
        await page.Locator("#user-menu button").First.ClickAsync();
        var apiReference = page.Locator(".mud-popover-open a").Filter(new() { HasText = "API reference" });
        await Expect(apiReference).ToHaveAttributeAsync("href", new Regex("scalar/v1$"));
        await Expect(apiReference).ToHaveAttributeAsync("target", "_blank");
        await page.Locator(".mud-popover-open").GetByText("Log out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.GotoAsync("/users");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));

        await session.LoginAsync("anna", "Demo-Trader-1!");
        await Expect(page.Locator("#role-line")).ToContainTextAsync("trader_1");
        await Expect(page.Locator("#nav-drawer")).Not.ToContainTextAsync("Users");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsAnErrorAndStaysOnLogin()
    {
        await using var session = await fixture.StartAsync();
        await session.LoginAsync(KestrelApp.ManagerName, "not-the-password");

        await Expect(session.Page.Locator("#login-error")).ToHaveTextAsync("Invalid user name or password.");
        await Expect(session.Page).ToHaveURLAsync(new Regex("/Account/Login"));
    }

    [Fact]
    public async Task Trader_OpeningTheUsersPage_IsDenied()
    {
        await using var session = await fixture.StartAsync();
        await session.LoginAsync("ben", "Demo-Trader-2!");
        await Expect(session.Page.Locator("#greeting")).ToContainTextAsync("ben");

        await session.Page.GotoAsync("/users");

        await Expect(session.Page.Locator("h1")).ToHaveTextAsync("Access denied");
        await Expect(session.Page.Locator("#access-denied")).ToContainTextAsync("Your role does not allow that page");
        await Expect(session.Page.Locator("#users-grid")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ThemeToggle_SwitchesToDark_SurvivesAReload_AndCoversTheAccountPages()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync("chloe", "Demo-Trader-3!");
        await Expect(page.Locator("#greeting")).ToContainTextAsync("chloe");
        await session.WaitForInteractiveAsync();
        Assert.Equal(LightBackground, await BackgroundAsync(page));

        await page.ClickAsync("#theme-toggle");
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", DarkBackground);
        await page.ReloadAsync();

        // The server paints the prerender dark from the cookie, before the circuit starts.
        Assert.Equal(DarkBackground, await BackgroundAsync(page));
        await session.WaitForInteractiveAsync();
        await page.GotoAsync("/Account/ChangePassword");
        Assert.Equal(DarkBackground, await BackgroundAsync(page));
        Assert.Equal("rgb(29, 32, 37)", await page.Locator(".fp-account-card").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task ASuccessfulPasswordChange_ClearsAllThreeFields()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync("chloe", "Demo-Trader-3!");
        await page.GotoAsync("/Account/ChangePassword");

        await page.FillAsync("#current", "Demo-Trader-3!");
        await page.FillAsync("#new", "Changed-Passw0rd!3");
        await page.FillAsync("#confirm", "Changed-Passw0rd!3");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("#change-password-result")).ToContainTextAsync("Your password has been changed.");
        foreach (var field in new[] { "#current", "#new", "#confirm" }) await Expect(page.Locator(field)).ToHaveValueAsync("");
    }

    [Fact]
    public async Task UnknownPage_ShowsTheNotFoundPage()
    {
        await using var session = await fixture.StartAsync();
        var response = await session.Page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        await Expect(session.Page.Locator("#not-found")).ToContainTextAsync("Page not found");
    }

    [Fact]
    public async Task LostConnection_GreysOutTheStalePage_AndDisablesItsControls()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync("ben", "Demo-Trader-2!");
        await session.OpenAsync("/trades");
        await Expect(page.Locator("#trades-grid tbody tr").First).ToBeVisibleAsync();

        await session.App.StopServingAsync();

        await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
        await Expect(page.Locator("#components-reconnect-modal")).ToContainTextAsync("not live");
        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex("fp-offline"));
        await Expect(page.Locator(".mud-layout")).ToHaveJSPropertyAsync("inert", true);
        Assert.True(await page.Locator(".mud-main-content").EvaluateAsync<double>("e => +getComputedStyle(e).opacity") < 0.6);
    }

    private const string LightBackground = "rgb(244, 246, 249)";
    private const string DarkBackground = "rgb(18, 20, 23)";

    private static Task<string> BackgroundAsync(Microsoft.Playwright.IPage page) =>
        page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
}
