using AngleSharp.Dom;
using Bunit;
using FlexPower.Core.Import;
using FlexPower.Core.Reports;
using FlexPower.Tests.Support;
using FlexPower.Web.Components.Shared;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace FlexPower.Tests.Components.Shared;

/// <summary>
/// The columns each table shows at each width of its box, by the one <see cref="ColumnFit"/> rule: a phone's box
/// (366 px), the home page's leaderboard box at 1440 px with the menu open (675 px), and a full-width box at 1440 px
/// with the menu open (1,178 px), and one with the menu closed (1,400 px). That the boxes then really fit is measured in the browser.
/// </summary>
public sealed class ColumnFitTests
{
    private const double Phone = 366, HomeColumn = 675, Desktop = 1178, MenuClosed = 1400;

    [Theory]
    [InlineData(ColumnFit.Secondary, 559, false)]
    [InlineData(ColumnFit.Secondary, 560, true)]
    [InlineData(ColumnFit.Detail, 799.5, false)]
    [InlineData(ColumnFit.Detail, 800, true)]
    [InlineData(ColumnFit.Extra, 1039, false)]
    [InlineData(ColumnFit.Extra, 1040, true)]
    [InlineData(ColumnFit.Wide, 1239, false)]
    [InlineData(ColumnFit.Wide, 1240, true)]
    [InlineData("fp-num", 0, true)]
    public void AColumn_ShowsFromItsClassWidth_AndAColumnWithoutOneAlways(string columnClass, double boxWidth, bool shows) =>
        Assert.Equal(shows, ColumnFit.Shows([columnClass, "mud-table-cell"], boxWidth));

    [Fact]
    public void TheCss_HidesEachClassBelowItsWidth_InsideAFittingBox()
    {
        Assert.Contains(".fp-fit { container-type: inline-size; }", ColumnFit.Css);
        Assert.Contains("@container (max-width: 559.98px) { .fp-fit .fp-col-secondary { display: none; } }", ColumnFit.Css);
        Assert.Contains("@container (max-width: 799.98px) { .fp-fit .fp-col-detail { display: none; } }", ColumnFit.Css);
        Assert.Contains("@container (max-width: 1039.98px) { .fp-fit .fp-col-extra { display: none; } }", ColumnFit.Css);
        Assert.Contains("@container (max-width: 1239.98px) { .fp-fit .fp-col-wide { display: none; } }", ColumnFit.Css);
    }

    [Fact]
    public async Task Leaderboard_KeepsTraderPnlAndPosition_OnAPhone_AndShowsEverythingOnADesktop()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var day = new DateOnly(2026, 12, 5);
        var summary = new TraderSummaryReport(day, day, "day-ahead",
            [new TraderSummary("trader_1", 12, 40, 30, 1234.5m, 10, 1200m, 0, new DayPnl(day, 1234.5m), new DayPnl(day, 1234.5m))]);

        var table = context.Render<LeaderboardTable>(p => p.Add(t => t.Summary, summary));

        Assert.Equal(["Trader", "PnL [EUR]", "Net [MW]"], ColumnsShown(table.Find("#leaderboard"), Phone));
        Assert.Equal(["Trader", "PnL [EUR]", "MtM [EUR]", "Net [MW]", "Trades"], ColumnsShown(table.Find("#leaderboard"), HomeColumn));
        Assert.Equal(["Trader", "PnL [EUR]", "MtM [EUR]", "Net [MW]", "Trades", "Bought / sold [MW]", "Best day", "Worst day"],
            ColumnsShown(table.Find("#leaderboard"), Desktop));
        Assert.Contains("40 / 30", table.Find("#leaderboard tbody").TextContent);
        Assert.Contains("2026-12-05 +1,234.50 €", table.Find("#leaderboard tbody").TextContent);
    }

    [Fact]
    public async Task ImportHistory_KeepsFileStatusAndCounts_OnAPhone_AndShowsEverythingOnADesktop()
    {
        await using var core = await CoreHost.StartAsync();
        var csv = "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\nt-1,100,1,buy,2026-11-27,9,trader_1,2026-11-27T00:00:00Z";
        await using (var file = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)))
            await core.Get<ImportService>().ImportAsync(file, new ImportRequest("epex_trades_20230301.csv", ImportSource.Api, PageTesting.Manager), cancellationToken: Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Render<Web.Features.Imports.Imports>();
        page.WaitForAssertion(() => Assert.Contains("epex_trades_20230301.csv", page.Find("#import-history tbody").TextContent));

        Assert.Equal(["File", "Status", "Rows", "Inserted", "Rejected", "Started (UTC)"], ColumnsShown(page.Find("#import-history"), Phone));
        Assert.Equal(["File", "Status", "Rows", "Inserted", "Duplicates", "Rejected", "Started (UTC)", "By"], ColumnsShown(page.Find("#import-history"), HomeColumn));
        Assert.Equal(["File", "Kind", "Status", "Rows", "Inserted", "Corrected", "Duplicates", "Rejected", "Started (UTC)", "By"],
            ColumnsShown(page.Find("#import-history"), Desktop));
        Assert.Equal(["File", "Kind", "Status", "Rows", "Inserted", "Corrected", "Duplicates", "Rejected", "Started (UTC)", "By", "#"],
            ColumnsShown(page.Find("#import-history"), MenuClosed));
    }

    [Fact]
    public async Task TradesGrid_KeepsDeliveryCashSideAndFigures_OnAPhone_AndShowsEverythingOnADesktop()
    {
        await using var core = await CoreHost.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero)));
        await core.AddTradeAsync("t-1", 10_000, 5, "buy", new DateOnly(2026, 12, 5), 9);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Render<Web.Features.Trades.Trades>();
        page.WaitForAssertion(() => Assert.Contains("t-1", page.Find("#trades-grid tbody").TextContent));

        Assert.Equal(["Delivery", "Cash [EUR]", "Side", "MW", "Price [EUR/MWh]", "Trade id"], ColumnsShown(page.Find("#trades-grid"), Phone));
        Assert.Equal(["Delivery", "Cash [EUR]", "Side", "MW", "Price [EUR/MWh]", "Trader", "Trade id"], ColumnsShown(page.Find("#trades-grid"), HomeColumn));
        Assert.Equal(["Delivery", "Cash [EUR]", "Side", "MW", "Price [EUR/MWh]", "Trader", "Executed (Berlin)", "Trade id"], ColumnsShown(page.Find("#trades-grid"), Desktop));
    }

    [Fact]
    public async Task PlanTable_KeepsPlantOutputAndMarginalCost_OnAPhone_WithTheTypeUnderThePlant()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");

        var page = context.Render<Web.Features.Planner.PlannerPage>();
        var box = page.Find("#plan-table").ParentElement!;

        Assert.Equal(["Plant", "Output [MW]", "Cost [€/MWh]"], ColumnsShown(box, Phone));
        Assert.Equal(["Plant", "Output [MW]", "Cost [€]", "Share", "Cost [€/MWh]"], ColumnsShown(box, HomeColumn)); // the planner's plan column at 1440 px
        Assert.Contains("GasFired", page.FindAll("#plan-table tbody tr").First(r => r.TextContent.Contains("gasfiredbig1")).Children[0].TextContent);
    }

    [Fact]
    public async Task HourlyTable_KeepsHourPnlPositionAndMtm_OnAPhone_AndTheReferencePriceOnlyWithTheMenuClosed()
    {
        var day = new DateOnly(2026, 12, 5);
        await using var core = await CoreHost.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero)));
        await core.AddTradeAsync("t-1", 10_000, 5, "buy", day, 9);
        var report = await core.Get<ReportService>().DayAsync(PageTesting.Manager, "trader_1", day, null, Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);

        var table = context.Render<HourlyTable>(p => p.Add(t => t.Report, report).Add(t => t.Highlights, new LiveHighlights<DateTime>()));
        var box = table.Find("#hourly-table").ParentElement!;

        Assert.Equal(["Hour", "PnL [EUR]", "Net [MW]", "MtM [EUR]"], ColumnsShown(box, Phone));
        Assert.Equal(["Hour", "PnL [EUR]", "Net [MW]", "MtM [EUR]", "Trades"], ColumnsShown(box, HomeColumn));
        Assert.Equal(["Hour", "PnL [EUR]", "Net [MW]", "MtM [EUR]", "Trades", "Bought [MW]", "Sold [MW]", "Buy VWAP [EUR/MWh]", "Sell VWAP [EUR/MWh]"],
            ColumnsShown(box, Desktop));
        Assert.Equal("Ref [EUR/MWh]", ColumnsShown(box, MenuClosed)[^1]);
        Assert.Equal(10, ColumnsShown(box, MenuClosed).Count);
    }

    /// <summary>The header texts of a table's columns that show in a box this wide.</summary>
    private static List<string> ColumnsShown(IElement table, double boxWidth)
    {
        Assert.Contains(ColumnFit.Box, table.ClassList);
        return table.QuerySelectorAll("thead th").Where(th => ColumnFit.Shows(th.ClassList, boxWidth)).Select(th => th.TextContent.Trim()).ToList();
    }
}
