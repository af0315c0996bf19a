using Bunit;
using FlexPower.Core.Reports;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace FlexPower.Tests.Components.Reports;

public sealed class ReportsPageTests
{
    // Today is 30 November; the history ended on 1 October — two months of no trades before today.
    private static readonly DateOnly LastTradeDay = new(2026, 10, 1);

    private static async Task<CoreHost> WithHistoryAsync()
    {
        var core = await CoreHost.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero)));
        await core.AddTradeAsync("a", 10_000, 10, "sell", LastTradeDay, 9, "trader_1");
        await core.AddTradeAsync("b", 10_000, 25, "buy", LastTradeDay.AddDays(-3), 9, "trader_2");
        await core.AddTradeAsync("c", 10_000, 5, "sell", LastTradeDay.AddDays(-40), 9, "trader_2"); // outside the default span
        return core;
    }

    [Fact]
    public async Task WithoutASpan_OpensOnTheLast30DaysWithData_ByDay()
    {
        await using var core = await WithHistoryAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Equal(30, page.FindAll("#period-table tbody tr").Count));
        Assert.Equal("2026-09-02", page.Find("input#report-from").GetAttribute("value"));
        Assert.Equal("2026-10-01", page.Find("input#report-to").GetAttribute("value"));
        Assert.Equal("day", page.Find("input#report-granularity").GetAttribute("value"));
        Assert.Equal("-1,500.00 €", page.Find("#report-kpis .fp-kpi-value").TextContent); // +1,000 − 2,500; the older sale is outside
    }

    [Fact]
    public async Task Manager_SeesTheLeaderboardBeforeTheChartsAndTheTable()
    {
        await using var core = await WithHistoryAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Contains("trader_1", page.Find("#leaderboard").TextContent));
        var markup = page.Markup;
        Assert.True(markup.IndexOf("id=\"leaderboard\"", StringComparison.Ordinal) < markup.IndexOf("id=\"range-chart\"", StringComparison.Ordinal));
        Assert.True(markup.IndexOf("id=\"range-chart\"", StringComparison.Ordinal) < markup.IndexOf("id=\"period-table\"", StringComparison.Ordinal));
        Assert.Equal("+1,000.00 €", page.FindAll("#leaderboard tbody tr")[0].Children[1].TextContent.Trim());
    }

    [Fact]
    public async Task TraderWithoutTrades_SeesAnEmptyState_AndNoChart()
    {
        await using var core = await WithHistoryAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("newbie", "trader_9");

        var page = context.Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Contains("no trades on record for trader_9", page.Find("#report-empty").TextContent));
        Assert.Empty(page.FindAll("#range-chart"));
        Assert.Empty(page.FindAll("#leaderboard"));
    }

    [Fact]
    public async Task ARangeWithoutTrades_SaysSo_AndOffersTheLatestData()
    {
        await using var core = await WithHistoryAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Open<ReportsPage>("reports?from=2026-11-01&to=2026-11-30");

        page.WaitForAssertion(() => Assert.Contains("The latest trades are from Thu 1 Oct 2026", page.Find("#report-empty-range").TextContent));
        Assert.Empty(page.FindAll("#period-table"));
    }

    [Fact]
    public async Task FromAfterTo_DisablesTheExport_AndNeverLinksAnEmptyRange()
    {
        await using var core = await WithHistoryAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.StartsWith("reports/range.csv?from=2026-09-02&to=2026-10-01", page.Find("#report-export").GetAttribute("href")));

        var to = page.FindComponents<MudDatePicker>()[1];
        await page.InvokeAsync(() => to.Instance.DateChanged.InvokeAsync(new DateTime(2026, 8, 1)));

        Assert.True(page.Find("#report-export").HasAttribute("disabled"));
        Assert.Null(page.Find("#report-export").GetAttribute("href"));
        Assert.Contains("is after To (2026-08-01)", page.Markup);
    }

    [Fact]
    public async Task ADayOfOneTrader_OpensTheirDayReport_WithTheWayBackToThisRange()
    {
        await using var core = await WithHistoryAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Open<ReportsPage>("reports?from=2026-09-28&to=2026-10-01&trader=trader_1");
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("#period-table tbody tr").Count));

        await page.FindAll("#period-table tbody tr")[3].ClickAsync(new());

        var uri = context.Services.GetRequiredService<NavigationManager>().Uri;
        var back = Uri.EscapeDataString("reports?from=2026-09-28&to=2026-10-01&granularity=day&trader=trader_1");
        Assert.EndsWith($"reports/day?trader=trader_1&day=2026-10-01&back={back}", uri);
    }

    [Fact]
    public void Spans_DefaultPresetsAndDrillDown()
    {
        var today = new DateOnly(2026, 11, 30); // a Monday
        Assert.Equal(new ReportSpan(new(2026, 9, 2), new(2026, 10, 1), Granularity.Day), ReportSpan.Default(new(2026, 10, 1), today));
        Assert.Equal(new ReportSpan(new(2026, 11, 1), today, Granularity.Day), ReportSpan.Default(null, today));
        Assert.Equal(new ReportSpan(today, today, Granularity.Day), ReportSpan.ThisWeek(today));
        Assert.Equal(new ReportSpan(new(2026, 10, 1), new(2026, 10, 31), Granularity.Day), ReportSpan.LastMonth(today));
        Assert.Equal(new ReportSpan(new(2026, 1, 1), today, Granularity.Week), ReportSpan.YearToDate(today));
        // A week at the edge of the span opens by day, clipped to the span.
        var ytd = ReportSpan.YearToDate(today);
        Assert.Equal(new ReportSpan(new(2026, 1, 1), new(2026, 1, 4), Granularity.Day), ytd.Into(new(2025, 12, 29)));
    }

    [Fact]
    public void ChartLabels_AreShort_AndCarryTheYearOnlyWhenTheSpanCrossesOne()
    {
        Assert.Equal("3 Nov", new ReportSpan(new(2026, 11, 1), new(2026, 11, 30), Granularity.Day).ChartLabel(new(2026, 11, 3)));
        Assert.Equal("29 Dec 25", new ReportSpan(new(2025, 12, 1), new(2026, 1, 31), Granularity.Week).ChartLabel(new(2025, 12, 29)));
        Assert.Equal("Nov 26", new ReportSpan(new(2026, 1, 1), new(2026, 11, 30), Granularity.Month).ChartLabel(new(2026, 11, 1)));
        Assert.Equal("2026-11-03", new ReportSpan(new(2026, 11, 1), new(2026, 11, 30), Granularity.Day).Label(new(2026, 11, 3)));
    }

    [Fact]
    public async Task ASeriesInTheUrl_MarksThePeriodsAndTheLeaderboard_AndTheExportCarriesIt()
    {
        await using var core = await WithHistoryAsync();
        await core.Get<FlexPower.Core.Prices.PriceImportService>().ImportAsync(new MemoryStream("delivery_day,delivery_hour,price_eur_mwh\n2026-10-01,9,90.00\n"u8.ToArray()),
            new FlexPower.Core.Prices.PriceImportRequest("id3", "id3.csv", FlexPower.Core.Import.ImportSource.Upload, PageTesting.Manager), Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Open<ReportsPage>("reports?from=2026-09-28&to=2026-10-01&granularity=day&series=id3");

        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("#period-table tbody tr").Count));
        // 1 Oct: trader_1 sold 10 MW at 100.00 (+1,000) and is short 10 MW at 90.00: MtM +100.
        var lastDay = page.FindAll("#period-table tbody tr")[3].QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(["+1,000.00 €", "+100.00 €", "-10 MW"], lastDay[1..4]);
        // 28 Sep: trader_2 bought 25 MW in an hour id3 has no price for: no MtM that day; the total counts its cash PnL.
        Assert.Equal("n/a", page.FindAll("#period-table tbody tr")[0].QuerySelectorAll("td")[2].TextContent.Trim());
        Assert.Equal("-2,400.00 €*", page.Find("#period-total-mtm").TextContent.Trim());
        Assert.Contains("1 traded hour(s) had no reference price", page.Find("#period-unpriced").TextContent);
        Assert.Equal("-2,400.00 €", page.Find("#kpi-range-mtm .fp-kpi-value").TextContent);
        Assert.Contains("+100.00 €", page.FindAll("#leaderboard tbody tr").Single(r => r.TextContent.Contains("trader_1")).TextContent);
        Assert.Contains("series=id3", page.Find("#report-export").GetAttribute("href"));
    }
}
