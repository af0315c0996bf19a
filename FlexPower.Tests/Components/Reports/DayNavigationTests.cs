using Bunit;
using FlexPower.Core.Common;
using FlexPower.Core.Reports;
using FlexPower.Tests.Support;
using FlexPower.Web.Components.Shared;
using FlexPower.Web.Features.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace FlexPower.Tests.Components.Reports;

/// <summary>Previous / today / next beside the day picker, and the days with trades marked in its calendar.</summary>
public sealed class DayNavigationTests
{
    private static readonly DateOnly Day = new(2026, 11, 26);

    // 23:30 UTC on 30 November is already 1 December in Berlin.
    private static Task<CoreHost> LateEveningAsync() =>
        CoreHost.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("#dashboard-previous", "2026-11-25")]
    [InlineData("#dashboard-next", "2026-11-27")]
    [InlineData("#dashboard-today", "2026-12-01")]
    public async Task TheDayButtons_OpenThePreviousTheNextAndTheBerlinToday(string button, string expected)
    {
        await using var core = await LateEveningAsync();
        await core.AddTradeAsync("a", 10_000, 10, "sell", Day, 9, "trader_1");
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Open<DayReportPage>("reports/day?trader=trader_1&day=2026-11-26");
        page.WaitForAssertion(() => Assert.Equal("+1,000.00 €", page.Find("#hourly-total").TextContent));

        page.Find(button).Click();

        Assert.Contains($"trader=trader_1&day={expected}", context.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Today_IsDisabled_OnTheBerlinToday()
    {
        await using var core = await LateEveningAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");

        var page = context.Render<DayNav>(p => p.Add(n => n.Day, new DateOnly(2026, 12, 1)).Add(n => n.Today, BerlinTime.Today(core.Get<TimeProvider>())));

        Assert.True(page.Find("#day-today").HasAttribute("disabled"));
        Assert.Equal("Previous day (2026-11-30)", page.Find("#day-previous").GetAttribute("title"));
    }

    [Fact]
    public async Task TheCalendar_MarksTheDaysWithTrades_OfThatTraderOnly()
    {
        await using var core = await LateEveningAsync();
        await core.AddTradeAsync("a", 10_000, 10, "sell", Day, 9, "trader_1");
        await core.AddTradeAsync("b", 10_000, 10, "sell", Day.AddDays(-10), 9, "trader_1");
        await core.AddTradeAsync("c", 10_000, 10, "sell", Day.AddDays(-5), 9, "trader_2");
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");
        var popovers = context.RenderProviders();
        var page = context.Open<DayReportPage>("reports/day?day=2026-11-26");
        page.WaitForAssertion(() => Assert.Equal("+1,000.00 €", page.Find("#hourly-total").TextContent));

        await page.InvokeAsync(() => page.FindComponent<DayPicker>().Instance.OpenAsync());

        popovers.WaitForAssertion(() => Assert.Equal(["16", "26"], popovers.FindAll(".fp-traded-day").Select(d => d.TextContent.Trim())));
    }

    [Fact]
    public async Task TradedDays_OfAnotherTrader_AreRefusedToATrader()
    {
        await using var core = await LateEveningAsync();
        await core.AddTradeAsync("a", 10_000, 10, "sell", Day, 9, "trader_1");
        var reports = core.Get<ReportService>();
        var anna = new FlexPower.Core.Accounts.Caller("anna", false, "trader_1");
        var ben = new FlexPower.Core.Accounts.Caller("ben", false, "trader_2");

        Assert.Equal([Day], await reports.TradedDaysAsync(anna, null, Day.AddDays(-30), Day, Xunit.TestContext.Current.CancellationToken));
        Assert.Empty(await reports.TradedDaysAsync(ben, null, Day.AddDays(-30), Day, Xunit.TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ForbiddenException>(() => reports.TradedDaysAsync(ben, "trader_1", Day.AddDays(-30), Day, Xunit.TestContext.Current.CancellationToken));
        Assert.Equal([Day], await reports.TradedDaysAsync(PageTesting.Manager, "trader_1", Day, Day, Xunit.TestContext.Current.CancellationToken));
    }
}
