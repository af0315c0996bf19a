using Bunit;
using FlexPower.Core.Alerts;
using FlexPower.Core.Import;
using FlexPower.Core.Limits;
using FlexPower.Core.Prices;
using FlexPower.Tests.Support;
using HomePage = FlexPower.Web.Features.Home.Home;
using Microsoft.Extensions.Time.Testing;
using FlexPower.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Components.Home;

public sealed class HomeTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TraderDashboard_WithoutADay_OpensOnTheLatestDayWithTrades_AndThePickerShowsIt()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        await core.AddTradeAsync("a", 5000, 10, "buy", new DateOnly(2026, 11, 20), 9, "trader_2");
        await core.AddTradeAsync("b", 4000, 10, "sell", new DateOnly(2026, 11, 27), 9, "trader_2");
        await core.AddTradeAsync("c", 4000, 10, "sell", new DateOnly(2026, 11, 29), 9, "trader_1"); // someone else's later day
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("ben", "trader_2");

        var page = context.Render<HomePage>();

        page.WaitForAssertion(() => Assert.Equal("2026-11-27", page.Find("input#dashboard-day").GetAttribute("value")));
        Assert.Contains("Fri 27 Nov 2026", page.Find("#dashboard-title").TextContent);
    }

    [Theory]
    [InlineData("2026-12-07T23:40:00Z", "Good evening")] // 00:40 in Berlin: still the night
    [InlineData("2026-12-08T04:30:00Z", "Good morning")] // 05:30
    [InlineData("2026-12-08T10:59:00Z", "Good morning")] // 11:59
    [InlineData("2026-12-08T11:00:00Z", "Good afternoon")] // 12:00
    [InlineData("2026-06-08T16:00:00Z", "Good evening")] // 18:00 in summer time
    public async Task Greeting_FollowsTheBerlinHour(string utcNow, string greeting)
    {
        await using var core = await CoreHost.StartAsync(new FakeTimeProvider(DateTimeOffset.Parse(utcNow, System.Globalization.CultureInfo.InvariantCulture)));
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("ben", "trader_2");

        var page = context.Render<HomePage>();

        Assert.Equal($"{greeting}, ben", page.Find("#greeting").TextContent);
    }

    [Fact]
    public async Task TraderDashboard_ColoursTheDayPnlBySign_WithThousandsSeparators()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        await core.AddTradeAsync("loss", 99_000, 125, "buy", new DateOnly(2026, 11, 27), 9, "trader_2");
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("ben", "trader_2");

        var page = context.Open<HomePage>("?day=2026-11-27");

        page.WaitForAssertion(() =>
        {
            var tile = page.FindAll("#dashboard-kpis .fp-kpi").Single(t => t.TextContent.Contains("Day PnL")).QuerySelector(".fp-kpi-value")!;
            Assert.Equal("-123,750.00 €", tile.TextContent);
            Assert.Contains("fp-loss", tile.ClassList);
        });
        Assert.Equal(24, page.FindAll("#hourly-table tbody tr").Count);
    }

    [Fact]
    public async Task TraderWithoutTrades_SeesAnEmptyState_NotAChartOfZeros()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("newbie", "trader_9");

        var page = context.Render<HomePage>();

        page.WaitForAssertion(() => Assert.Contains("No trades yet", page.Find("#dashboard-empty").TextContent));
        Assert.Empty(page.FindAll("#hourly-chart"));
    }

    [Fact]
    public async Task ManagerHome_ShowsTodaysDeskPnl_MonthToDate_TheLeaderboard_AlertsAndImports_AndRefreshesLive()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        await core.AddTradeAsync("t1", 10_000, 100, "sell", Today, 9, "trader_1");          // +10,000.00
        await core.AddTradeAsync("t2", 5_000, 20, "buy", Today, 10, "trader_2");            // -1,000.00
        await core.AddTradeAsync("m1", 4_000, 50, "sell", new DateOnly(2026, 11, 2), 9);   // +2,000.00 earlier this month
        await core.AddTradeAsync("o1", 4_000, 50, "sell", new DateOnly(2026, 10, 31), 9);  // last month: not in the month to date
        await core.Get<MissingFileMonitor>().CheckAsync(scanInbox: false, CancellationToken.None);
        await core.Get<ImportService>().ImportFileAsync(Reference.File("trades", "epex_trades_20230220.csv"),
            new ImportRequest("epex_trades_20230220.csv", ImportSource.Upload, PageTesting.Manager), cancellationToken: Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Render<HomePage>();

        page.WaitForAssertion(() => Assert.Equal("+9,000.00 €", Value(page, "#kpi-today")));
        Assert.Equal("+11,000.00 €", Value(page, "#kpi-month"));
        Assert.Contains("fp-profit", page.Find("#kpi-today .fp-kpi-value").ClassList);
        Assert.Equal("Today's leaderboard", page.Find("#leaderboard-title").TextContent);
        Assert.Equal(["trader_1", "trader_2"], page.FindAll("#today-leaderboard tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.Equal(3, page.FindAll("#open-alerts li").Count);
        Assert.Contains("epex_trades_20230220.csv", page.Find("#latest-imports").TextContent);

        await core.AddTradeAsync("t3", 10_000, 10, "buy", Today, 11, "trader_2"); // -1,000.00 more for trader_2

        page.WaitForAssertion(() => Assert.Equal("+8,000.00 €", Value(page, "#kpi-today")));
        var changed = page.FindAll("#today-leaderboard tbody tr").Single(r => r.TextContent.Contains("trader_2"));
        Assert.Contains(changed.ClassList, c => c.StartsWith("fp-arrived-"));
        Assert.Contains("-2,000.00 €", changed.TextContent);
    }

    [Fact]
    public async Task ManagerHome_OpenAlertsTile_CountsMissingFilesAndLimitBreaches_Live()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        var writer = core.Get<AlertWriter>();
        await writer.SyncAsync([AlertKinds.MissingFile], _ => true, [new WantedAlert(AlertKinds.MissingFile, "epex_trades_20261129.csv", "missing")], _ => "", Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Render<HomePage>();
        page.WaitForAssertion(() => Assert.Equal("1", Value(page, "#kpi-alerts")));

        await writer.SyncAsync([AlertKinds.DailyLossLimit], _ => true, [new WantedAlert(AlertKinds.DailyLossLimit, "trader_1 2026-11-30", "lost 12,000 €")], _ => "", Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal("2", Value(page, "#kpi-alerts")));
        Assert.Contains("1 missing files, 1 limit breaches", page.Find("#kpi-alerts").TextContent);
    }

    [Fact]
    public async Task ManagerHome_BeforeTodaysFirstTrade_ShowsTheLatestDaysLeaderboard_AndSaysSo()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        await core.AddTradeAsync("y1", 10_000, 10, "sell", new DateOnly(2026, 11, 29), 9, "trader_3");
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Render<HomePage>();

        page.WaitForAssertion(() => Assert.Contains("Sun 29 Nov 2026, the latest day with trades", page.Find("#leaderboard-title").TextContent));
        Assert.Equal("0.00 €", Value(page, "#kpi-today"));
        Assert.Contains("trader_3", page.Find("#today-leaderboard").TextContent);
    }

    [Fact]
    public async Task TraderDashboard_WithReferencePrices_ShowsPositionVwapAndMtm_AsTheApiDoes()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        await core.Get<ImportService>().ImportFileAsync(Reference.File("trades", "epex_trades_20230220.csv"),
            new ImportRequest("epex_trades_20230220.csv", ImportSource.Upload, PageTesting.Manager), cancellationToken: Xunit.TestContext.Current.CancellationToken);
        await core.Get<PriceImportService>().ImportAsync(new MemoryStream("delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,100.00\n2023-02-28,20,80.00\n"u8.ToArray()),
            new PriceImportRequest("day-ahead", "prices.csv", ImportSource.Upload, PageTesting.Manager), Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("ben", "trader_2");

        var page = context.Open<HomePage>("?day=2023-02-28");

        page.WaitForAssertion(() => Assert.Equal("+4,221.66 €", Value(page, "#kpi-mtm")));
        Assert.Contains("fp-profit", page.Find("#kpi-mtm .fp-kpi-value").ClassList);
        Assert.Equal("+39 MW", Value(page, "#kpi-net"));
        string[] Cells(int hour) => page.FindAll("#hourly-table tbody tr")[hour].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        // Hour, PnL, Net, MtM, Trades, Bought, Sold, Buy VWAP, Sell VWAP, reference.
        Assert.Equal(["9 - 10", "-44.46 €", "+57 MW", "+5,655.54 €", "1", "57", "0", "0.78", "", "100.00"], Cells(9));
        Assert.Equal(["20 - 21", "+6.12 €", "-18 MW", "-1,433.88 €", "1", "0", "18", "", "0.34", "80.00"], Cells(20));
        Assert.Equal("+4,221.66 €", page.Find("#hourly-total-mtm").TextContent);
        Assert.NotEmpty(page.FindAll("#position-chart"));
    }

    [Fact]
    public async Task ManagerHome_ShowsTheDeskPositionPerHour()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        await core.AddTradeAsync("a", 5_000, 20, "buy", Today, 9, "trader_1");
        await core.AddTradeAsync("b", 5_000, 5, "sell", Today, 9, "trader_2");
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Render<HomePage>();

        page.WaitForAssertion(() => Assert.Contains("Net +15 MW", page.Find("#desk-position-summary").TextContent));
        Assert.Contains("Mon 30 Nov 2026", page.Find("#desk-position-title").TextContent);
        Assert.NotEmpty(page.FindAll("#desk-position-chart"));
    }

    [Fact]
    public async Task ManagerHome_ADayPicked_ShowsThatDaysLeaderboardAndDeskPosition_StepsByDay_AndMarksTheDesksTradedDays()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        await core.AddTradeAsync("a", 10_000, 10, "sell", Today, 9, "trader_1");
        await core.AddTradeAsync("b", 5_000, 20, "buy", new DateOnly(2026, 11, 20), 9, "trader_1");
        await core.AddTradeAsync("c", 5_000, 5, "sell", new DateOnly(2026, 11, 20), 9, "trader_2");
        await core.AddTradeAsync("d", 5_000, 5, "sell", new DateOnly(2026, 11, 12), 9, "trader_2");
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var popovers = context.RenderProviders();

        var page = context.Open<HomePage>("?day=2026-11-20");

        page.WaitForAssertion(() => Assert.Equal("Leaderboard of Fri 20 Nov 2026", page.Find("#leaderboard-title").TextContent.Trim()));
        Assert.Contains("Net +15 MW", page.Find("#desk-position-summary").TextContent);
        Assert.Equal("+1,000.00 €", Value(page, "#kpi-today")); // the tiles stay on today
        await page.InvokeAsync(() => page.Find("#desk-previous").Click());
        Assert.EndsWith("?day=2026-11-19", context.Services.GetRequiredService<NavigationManager>().Uri);

        await page.InvokeAsync(() => page.FindComponent<DayPicker>().Instance.OpenAsync());
        popovers.WaitForAssertion(() => Assert.Equal(["12", "20", "30"], popovers.FindAll(".fp-traded-day").Select(d => d.TextContent.Trim())));
    }

    private static string Value(IRenderedComponent<HomePage> page, string tile) => page.Find($"{tile} .fp-kpi-value").TextContent;

    [Fact]
    public async Task TraderOverTheirLimit_SeesTheUsageFirst_AndTheBreachedHoursMarkedInTheHourlyTable()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        var day = new DateOnly(2026, 11, 27);
        await core.AddTradeAsync("over", 5000, 89, "buy", day, 9, "trader_2");
        await core.AddTradeAsync("inside", 5000, 10, "sell", day, 10, "trader_2");
        await core.AddTradeAsync("other", 5000, 99, "buy", day, 11, "trader_1"); // someone else's breach, not ben's
        await core.Get<LimitService>().SetAsync(PageTesting.Manager, "trader_2", new LimitInput(40, null), Xunit.TestContext.Current.CancellationToken);
        await core.Get<LimitService>().SetAsync(PageTesting.Manager, "trader_1", new LimitInput(40, null), Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("ben", "trader_2");

        var page = context.Open<HomePage>("?day=2026-11-27");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#hourly-table tr.fp-breach")));
        var marked = page.Find("#hourly-table tr.fp-breach");
        Assert.Contains("9 - 10", marked.TextContent);
        Assert.Contains("over limit", marked.TextContent);
        Assert.Single(page.FindAll(".fp-breach-mark"));
        Assert.Contains("89 MW of 40 MW", page.Find("#limit-usage-open").TextContent);
        Assert.Contains("1 of 2 traded hours over 40 MW (9 - 10)", page.Find("#limit-usage-summary").TextContent);
        // The limits card comes before the dashboard, so a breach is at the top of the page.
        var order = page.FindAll("#limit-usage, #day-dashboard").Select(e => e.Id).ToList();
        Assert.Equal(["limit-usage", "day-dashboard"], order);
    }

    [Fact]
    public async Task TraderInsideTheirLimit_HasNoHourMarked()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        var day = new DateOnly(2026, 11, 27);
        await core.AddTradeAsync("inside", 5000, 40, "buy", day, 9, "trader_2"); // equal is inside
        await core.Get<LimitService>().SetAsync(PageTesting.Manager, "trader_2", new LimitInput(40, null), Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("ben", "trader_2");

        var page = context.Open<HomePage>("?day=2026-11-27");

        page.WaitForAssertion(() => Assert.Contains("within 40 MW in every traded hour", page.Find("#limit-usage-summary").TextContent));
        Assert.Equal(24, page.FindAll("#hourly-table tbody tr").Count);
        Assert.Empty(page.FindAll("#hourly-table tr.fp-breach"));
        Assert.Empty(page.FindAll(".fp-breach-mark"));
    }
}
