using FlexPower.Core.Accounts;
using FlexPower.Core.Audit;
using FlexPower.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AuditBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ALimitSetOnThePage_IsAuditedWithTheBrowsersAddress_AndShowsOnTheAuditPage()
    {
        await using var session = await fixture.StartAsync(seedDemo: false);
        var page = session.Page;
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await session.WaitForInteractiveAsync();

        await session.OpenAsync("/limits");
        await page.Locator("#limit-trader").FillAsync("trader_1");
        await page.Locator("#limit-mw").FillAsync("50");
        await page.Locator("#limit-mw").PressAsync("Tab");
        await page.Locator("#limit-save").ClickAsync();
        await Expect(page.Locator("#limits-table tbody tr").Filter(new() { HasText = "trader_1" })).ToContainTextAsync("50");

        var caller = new Caller(KestrelApp.ManagerName, IsManager: true, TraderId: null);
        var entry = Assert.Single(await session.App.Services.GetRequiredService<AuditService>()
            .ListAsync(caller, new AuditFilter(Kind: AuditKinds.LimitSet), TestContext.Current.CancellationToken));
        Assert.Equal((KestrelApp.ManagerName, "trader_1"), (entry.UserName, entry.Subject));
        Assert.Contains(entry.Address, new[] { "127.0.0.1", "::1" });

        await session.OpenAsync("/audit");
        var row = page.Locator("#audit-table tbody tr").Filter(new() { HasText = "limit.set" });
        await Expect(row).ToContainTextAsync("max_open_mw: 50");
        await Expect(row).ToContainTextAsync(entry.Address!);
        Assert.Empty(session.Problems);
    }
}
