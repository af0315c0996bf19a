using System.Net.Http.Json;
using FlexPower.Core.Accounts;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task Manager_PicksTheTraderOfTheEpexSample_UploadsIt_AndItsRowsAreThatTradersTrades()
    {
        await using var session = await fixture.StartAsync(seedDemo: false);
        var page = session.Page;
        // The picker offers the traders with trades: one earlier trade each (not the demo data, whose seeding costs seconds).
        using var api = session.App.Api();
        foreach (var trader in new[] { "trader_1", "trader_2" })
            (await api.PostAsJsonAsync("/v1/trades", new { id = $"earlier-{trader}", price = 5000, quantity = 1, direction = "buy", delivery_day = "2025-10-20", delivery_hour = 10,
                trader_id = trader, execution_time = "2025-10-19T10:00:00Z" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await session.OpenAsync("/imports");

        await page.Locator("#import-trader").FillAsync("trader_2");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "trader_2" }).ClickAsync();
        await Expect(page.Locator("#import-trader")).ToHaveValueAsync("trader_2");
        await page.SetInputFilesAsync(".fp-dropzone-input", Path.Combine(Reference.RepositoryRoot, "docs", "samples", "Continuous_Trades-DE-20251026.csv"));

        await Expect(page.Locator("#import-status")).ToHaveTextAsync("imported");
        await Expect(page.Locator("#import-summary")).ToContainTextAsync("EPEX SPOT continuous-trades export: trades of trader_2.");
        await Expect(page.Locator("#import-summary .fp-kpi").Filter(new() { HasText = "Inserted" }).Locator(".fp-kpi-value")).ToHaveTextAsync("9");
        await Expect(page.Locator("#import-summary .fp-kpi").Filter(new() { HasText = "Rejected" }).Locator(".fp-kpi-value")).ToHaveTextAsync("0");
        await Expect(page.Locator("#import-history")).ToContainTextAsync("Continuous_Trades-DE-20251026.csv");
        var day = new TradeFilter(From: new DateOnly(2025, 10, 26), To: new DateOnly(2025, 10, 26), TraderId: "trader_2");
        var totals = await session.App.Services.GetRequiredService<TradeService>().GetTotalsAsync(new Caller("boss", true, null), day, TestContext.Current.CancellationToken);
        Assert.Equal(9, totals.TradeCount);
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
