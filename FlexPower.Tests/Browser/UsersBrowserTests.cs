using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class UsersBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Manager_CreatesATrader_AndDisablesItAfterConfirming_ButNotTheirOwnAccount()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await session.WaitForInteractiveAsync();
        await page.Locator("#nav-drawer").GetByText("Users").ClickAsync();
        await Expect(page.Locator("#users-grid")).ToContainTextAsync("anna");

        await page.FillAsync("#new-user-name", "tessa");
        await page.FillAsync("#new-user-password", "weak");
        await page.FillAsync("#new-user-trader-id", "trader_42");
        await page.ClickAsync("#create-user");
        // One place for the error: under the form, no toast repeating it.
        await Expect(page.Locator("#new-account-error")).ToContainTextAsync("password is too weak");
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);

        await page.FillAsync("#new-user-password", "Tessa-Passw0rd!");
        await page.ClickAsync("#create-user");
        await Expect(page.Locator("#users-grid")).ToContainTextAsync("trader_42");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Created Trader account 'tessa'");

        var own = page.Locator("#users-grid tbody tr").Filter(new() { HasText = KestrelApp.ManagerName });
        await Expect(own.Locator(".fp-disable")).ToBeDisabledAsync();

        var tessa = page.Locator("#users-grid tbody tr").Filter(new() { HasText = "tessa" });
        await tessa.Locator(".fp-disable").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Disable tessa?");
        await page.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        // The cancelled dialog is gone before the next one opens: a click during its closing would land on its overlay.
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(tessa).ToContainTextAsync("Active");

        await tessa.Locator(".fp-disable").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Disable tessa?");
        await page.Locator(".mud-dialog").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(tessa).ToContainTextAsync("Disabled");
        await session.ScreenshotAsync("users-after-disable");
        Assert.Empty(session.Problems);
    }
}
