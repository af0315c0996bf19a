using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ImportsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Trader_UploadsTheSampleFile_AndSeesTheSummaryRejectedRowAndHistory()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.LoginAsync("ben", "Demo-Trader-2!");
        await session.WaitForInteractiveAsync();
        await page.Locator(".rz-sidebar").GetByText("Imports").ClickAsync();
        await Expect(page.Locator("#import-dropzone")).ToContainTextAsync("only rows of trader_2 are accepted");

        await page.SetInputFilesAsync("#import-file", Reference.File("flexpower", "epex_trades_20230220.csv"));

        await Expect(page.Locator("#import-status")).ToHaveTextAsync("imported");
        await Expect(page.Locator("#import-summary .fp-kpi").Filter(new() { HasText = "Inserted" })).ToContainTextAsync("2");
        await Expect(page.Locator("#rejected-grid")).ToContainTextAsync("trader_id 'trader_1' is not yours");
        await Expect(page.Locator("#import-history")).ToContainTextAsync("epex_trades_20230220.csv");
        await Expect(page.Locator("#download-rejected")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"imports/\d+/rejected\.csv"));
        await session.ScreenshotAsync("20-import-done");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Manager_SeesTheMissingFileBanner_TraderDoesNot()
    {
        // With the real clock, the files of the last days never arrived in this fresh database, so alerts are open.
        await using var manager = await fixture.NewSessionAsync();
        await manager.LoginAsync(AppProcess.ManagerName, AppProcess.ManagerPassword);
        await Expect(manager.Page.Locator(".fp-import-alert").First).ToContainTextAsync("had not been imported by its deadline");
        await manager.ScreenshotAsync("21-missing-file-banner");

        await using var trader = await fixture.NewSessionAsync();
        await trader.LoginAsync("anna", "Demo-Trader-1!");
        await trader.WaitForInteractiveAsync();
        await Expect(trader.Page.Locator(".fp-import-alert")).ToHaveCountAsync(0);
    }
}
