using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ImportsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Trader_UploadsTheSampleFile_AndSeesTheSummaryRejectedRowAndHistory()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        await session.LoginAsync("ben", "Demo-Trader-2!");
        await session.WaitForInteractiveAsync();
        await page.Locator("#nav-drawer").GetByText("Imports").ClickAsync();
        await Expect(page.Locator("#import-dropzone")).ToContainTextAsync("only rows of trader_2 are accepted");

        // Its own content (fresh ids), so no other test's import makes it "already imported".
        var run = Guid.NewGuid().ToString("N")[..8];
        var file = Path.Combine(Path.GetTempPath(), $"epex_trades_20230301_{run}.csv");
        await File.WriteAllTextAsync(file, string.Join("\n",
            "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time",
            $"u{run}-1,120,12,sell,2023-03-01,14,trader_2,2023-03-01T11:12:35Z",
            $"u{run}-2,78,57,buy,2023-03-01,9,trader_1,2023-03-01T07:45:12Z",
            $"u{run}-3,34,18,sell,2023-03-01,20,trader_2,2023-03-01T16:23:38Z"), TestContext.Current.CancellationToken);
        await page.SetInputFilesAsync(".fp-dropzone-input", file);

        await Expect(page.Locator("#import-status")).ToHaveTextAsync("imported");
        await Expect(page.Locator("#import-phase")).ToContainTextAsync("done");
        await Expect(page.Locator("#import-summary .fp-kpi").Filter(new() { HasText = "Inserted" })).ToContainTextAsync("2");
        await Expect(page.Locator("#rejected-grid")).ToContainTextAsync("trader_id 'trader_1' is not yours");
        await Expect(page.Locator("#import-history")).ToContainTextAsync($"epex_trades_20230301_{run}.csv");
        await Expect(page.Locator("#download-rejected")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"imports/\d+/rejected\.csv"));
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Manager_SeesOneDismissibleMissingFileStrip_TraderDoesNot()
    {
        // With the real clock, the files of the last days never arrived in this fresh database, so alerts are open.
        await using var manager = await fixture.StartAsync();
        await manager.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await manager.WaitForInteractiveAsync();
        var strip = manager.Page.Locator("#import-alert");
        await Expect(strip).ToHaveCountAsync(1);
        await Expect(strip).ToContainTextAsync("exchange file");
        await Expect(strip.Locator("a")).ToHaveAttributeAsync("href", "imports");
        Assert.True((await strip.BoundingBoxAsync())!.Height < 80, "the strip stays one compact line on a desktop");

        await strip.Locator("button[aria-label]").ClickAsync();
        await Expect(strip).ToHaveCountAsync(0);

        await using var trader = await manager.AnotherUserAsync();
        await trader.LoginAsync("anna", "Demo-Trader-1!");
        await trader.WaitForInteractiveAsync();
        await Expect(trader.Page.Locator("#import-alert")).ToHaveCountAsync(0);
    }
}
