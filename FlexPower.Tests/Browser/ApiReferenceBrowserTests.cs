using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Scalar_ListsTheEndpoints_AndACallTriedFromItWithBasicCredentialsWorks()
    {
        await using var session = await fixture.StartAsync(seedDemo: false);
        var page = session.Page;
        await page.GotoAsync("/scalar/v1#v1/tag/users/GET/v1/users");
        await Expect(page.GetByText("FlexPower API").First).ToBeVisibleAsync();
        foreach (var tag in new[] { "Trades", "Imports", "Reports", "Users", "Planning", "Health" })
            await Expect(page.GetByText(tag, new() { Exact = true }).First).ToBeVisibleAsync();

        await page.GetByRole(Microsoft.Playwright.AriaRole.Combobox, new() { Name = "Username" }).First.ClickAsync();
        await page.Keyboard.TypeAsync(KestrelApp.ManagerName);
        await page.Locator("input.scalar-password-input").First.FillAsync(KestrelApp.ManagerPassword);
        await page.Locator("[id='v1/tag/users/GET/v1/users']").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Test Request" }).ClickAsync();

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Send get request" }).ClickAsync(),
            r => r.Url.EndsWith("/v1/users"));

        Assert.Equal(200, response.Status);
        Assert.Contains(KestrelApp.ManagerName, await response.TextAsync());
        await session.ScreenshotAsync("40-scalar-call");
        Assert.Empty(session.Problems);
    }
}
