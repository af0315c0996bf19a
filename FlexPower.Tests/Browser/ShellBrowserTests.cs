using FlexPower.Tests.Support;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LostConnection_TheBannerIsReadable_InTheChosenTheme(bool dark)
    {
        await using var session = await fixture.StartAsync(seedDemo: false);
        var page = session.Page;
        await session.UseThemeAsync(dark);
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await Expect(page.Locator("#greeting")).ToContainTextAsync(KestrelApp.ManagerName);
        await session.WaitForInteractiveAsync();
        Assert.Equal(dark ? DarkBackground : LightBackground, await BackgroundAsync(page));

        await session.App.StopServingAsync();

        var banner = page.Locator("#components-reconnect-modal");
        await Expect(banner.Locator(".fp-reconnect-retrying")).ToBeVisibleAsync();
        var contrast = await banner.Locator(".fp-reconnect-retrying").EvaluateAsync<double>(ContrastScript);
        Assert.True(contrast >= 4.5, $"The banner's text has a contrast of {contrast:0.00}:1 against its background (needs 4.5:1).");
        await session.ScreenshotAsync($"45-reconnect-banner-{(dark ? "dark" : "light")}");
    }

    [Fact]
    public async Task WithoutAThemeChoice_TheOsDarkSettingPaintsTheServersHtml_AndTheSwitchStillWinsAndIsRemembered()
    {
        await using var session = await fixture.StartAsync(seedDemo: false);
        var page = session.Page;
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });

        await page.GotoAsync("/Account/Login");
        Assert.Equal(DarkBackground, await BackgroundAsync(page));
        Assert.Equal("rgb(29, 32, 37)", await page.Locator(".fp-account-card").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await session.WaitForInteractiveAsync();
        Assert.Equal(DarkBackground, await BackgroundAsync(page));

        // No light flash: the server's HTML alone, before any script runs, is dark.
        var html = await session.AnotherUserAsync();
        await html.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await html.Page.RouteAsync("**/*.js", route => route.AbortAsync());
        await html.Page.GotoAsync("/Account/Login");
        Assert.Equal(DarkBackground, await BackgroundAsync(html.Page));

        // The switch wins over the OS and is remembered.
        await page.ClickAsync("#theme-toggle");
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", LightBackground);
        await page.ReloadAsync();
        Assert.Equal(LightBackground, await BackgroundAsync(page));
        await page.GotoAsync("/Account/ChangePassword");
        Assert.Equal(LightBackground, await BackgroundAsync(page));
        Assert.Empty(session.Problems);
    }

    [Theory]
    [InlineData(true, ColorScheme.Light)]
    [InlineData(false, ColorScheme.Dark)]
    public async Task TheApiReference_FollowsTheAppsSwitch_OverTheOs(bool dark, ColorScheme os)
    {
        await using var session = await fixture.StartAsync(seedDemo: false);
        var page = session.Page;
        await page.EmulateMediaAsync(new() { ColorScheme = os });
        await session.UseThemeAsync(dark);

        await page.GotoAsync("/scalar/v1");

        await Expect(page.GetByText("FlexPower API").First).ToBeVisibleAsync(new() { Timeout = 30_000 }); // the reference is a large script
        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex(dark ? "dark-mode" : "light-mode"));
    }

    /// <summary>WCAG 2 contrast of an element's text colour against the nearest opaque background behind it.</summary>
    private const string ContrastScript = """
        e => {
          const rgba = c => c.match(/[\d.]+/g).map(Number);
          const background = node => {
            for (; node; node = node.parentElement) {
              const c = rgba(getComputedStyle(node).backgroundColor);
              if (c.length < 4 || c[3] === 1) return c;
            }
            return [255, 255, 255];
          };
          const back = background(e);
          const [r, g, b, a = 1] = rgba(getComputedStyle(e).color);
          const text = [r, g, b].map((v, i) => v * a + back[i] * (1 - a));
          const luminance = c => c.map(v => v / 255).map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
          const [hi, lo] = [luminance(text), luminance(back)].sort((x, y) => y - x);
          return (hi + 0.05) / (lo + 0.05);
        }
        """;

    private const string LightBackground = "rgb(244, 246, 249)";
    private const string DarkBackground = "rgb(18, 20, 23)";

    private static Task<string> BackgroundAsync(Microsoft.Playwright.IPage page) =>
        page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
}
