using Bunit;
using FlexPower.Tests.Support;
using FlexPower.Web.Components.Shared;
using HomePage = FlexPower.Web.Features.Home.Home;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Components.Shared;

public sealed class ResolutionSwitchTests
{
    [Fact]
    public async Task TheDayDashboard_OpensHourlyDataAt60Minutes_AndTheSwitchShowsItsQuarterHours()
    {
        await using var core = await CoreHost.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero)));
        var day = new DateOnly(2026, 11, 27);
        await core.AddTradeAsync("a", 5000, 10, "buy", day, 9);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");

        var dashboard = context.Render<DayDashboard>(p => p.Add(c => c.TraderId, "trader_1").Add(c => c.Day, day));

        dashboard.WaitForAssertion(() => Assert.EndsWith("24 delivery hours", dashboard.Find("#dashboard-title").TextContent));
        Assert.Equal(24, dashboard.FindAll("#hourly-table tbody tr").Count);

        dashboard.FindAll("#dashboard-resolution button").Single(b => b.TextContent.Contains("15 min")).Click();

        dashboard.WaitForAssertion(() => Assert.EndsWith("96 delivery quarter-hours", dashboard.Find("#dashboard-title").TextContent));
        var rows = dashboard.FindAll("#hourly-table tbody tr");
        Assert.Contains("09:15–09:30", rows[37].TextContent);
        Assert.Contains("+10 MW", rows[37].TextContent); // the hour's 10 MW in each of its quarters
        Assert.Contains("-125.00", rows[37].TextContent.Replace("−", "-")); // a quarter of the hour's −500.00 € (10 MW at 50.00)
        // The hour's sub-total follows its four quarters: 10 MWh, −500.00 €; empty hours get none.
        var subtotal = Assert.Single(dashboard.FindAll("#hourly-table tbody tr.fp-subtotal"));
        Assert.Same(rows[40], subtotal);
        Assert.Contains("Σ 9 - 10", subtotal.TextContent);
        Assert.Contains("-500.00", subtotal.TextContent.Replace("−", "-"));
        Assert.Contains("+10 MW", subtotal.TextContent);
    }

    [Fact]
    public async Task TheDeskPosition_OpensAtTheResolutionInTheAddress_AndKeepsAPickThere()
    {
        await using var core = await CoreHost.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero)));
        await core.AddTradeAsync("a", 5000, 10, "buy", new DateOnly(2026, 11, 27), 9);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Open<HomePage>("?day=2026-11-27&resolution=PT30M");

        page.WaitForAssertion(() => Assert.StartsWith("Desk position per half-hour", page.Find("#desk-position-title").TextContent));
        await page.InvokeAsync(() => page.FindAll("#desk-resolution button").Single(b => b.TextContent.Contains("60 min")).Click());
        Assert.EndsWith("?day=2026-11-27&resolution=PT60M", context.Services.GetRequiredService<NavigationManager>().Uri);
        page.WaitForAssertion(() => Assert.StartsWith("Desk position per hour", page.Find("#desk-position-title").TextContent));
    }
}
