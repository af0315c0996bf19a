using System.Net;
using System.Net.Http.Headers;
using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TokensBrowserTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(false, 1440)]
    [InlineData(true, 390)]
    public async Task Trader_CreatesATokenFromTheUserMenu_CopiesTheSecretShownOnce_AndAScriptUsesIt(bool dark, int width)
    {
        await using var session = await fixture.StartAsync(width: width, height: 900);
        var page = session.Page;
        await session.UseThemeAsync(dark);
        await session.LoginAsync("anna", "Demo-Trader-1!");
        await session.WaitForInteractiveAsync();
        await page.Locator("#user-menu button").First.ClickAsync();
        await page.Locator("#menu-tokens").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("API tokens");
        await Expect(page.Locator(".fp-scope-admin")).ToHaveCountAsync(0);

        await page.FillAsync("#token-name", "nightly export");
        await page.ClickAsync("#token-create");
        await Expect(page.Locator("#token-secret")).ToContainTextAsync("fp_");
        var secret = (await page.Locator("#token-secret").TextContentAsync())!.Trim();
        await Expect(page.Locator("#tokens-table")).ToContainTextAsync("nightly export");
        await session.ScreenshotAsync($"tokens-secret-{(dark ? "dark" : "light")}-{width}");

        using var api = new HttpClient { BaseAddress = new Uri(page.Url) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/trades", TestContext.Current.CancellationToken)).StatusCode);

        await page.ClickAsync("#token-secret-done");
        await Expect(page.Locator("#token-secret")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(page.Locator("#tokens-table")).ToContainTextAsync("nightly export");
        Assert.DoesNotContain(secret, await page.ContentAsync());
        Assert.Empty(session.Problems);
    }
}
