using Bunit;
using FlexPower.Tests.Support;
using FlexPower.Web.Components.Shared;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Components.Shared;

public sealed class LastUpdatedTests
{
    [Fact]
    public async Task TheDayDashboard_SaysWhenItLoaded_InBerlinTime_AndALiveRefreshMovesIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 5, TimeSpan.Zero)); // 11:00:05 in Berlin (CET)
        await using var core = await CoreHost.StartAsync(clock);
        var day = new DateOnly(2026, 11, 27);
        await core.AddTradeAsync("a", 5000, 10, "buy", day, 9);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");

        var dashboard = context.Render<DayDashboard>(p => p.Add(c => c.TraderId, "trader_1").Add(c => c.Day, day));

        dashboard.WaitForAssertion(() => Assert.Equal("Updated 11:00:05", dashboard.Find("#dashboard-updated").TextContent));
        Assert.Equal("Last refreshed 2026-11-30 11:00:05 Berlin time (10:00:05 UTC)", dashboard.Find("#dashboard-updated").GetAttribute("title"));

        clock.Advance(TimeSpan.FromSeconds(42));
        await core.AddTradeAsync("b", 5000, 5, "sell", day, 10);

        dashboard.WaitForAssertion(() => Assert.Equal("Updated 11:00:47", dashboard.Find("#dashboard-updated").TextContent));
    }

    [Fact]
    public void AfterMidnightInBerlin_TheTooltipHasBerlinsDate_NotUtcs()
    {
        using var context = new BunitContext();

        var stamp = context.Render<LastUpdated>(p => p.Add(c => c.At, new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero)).Add(c => c.Id, "u"));

        Assert.Equal("Updated 00:30:00", stamp.Find("#u").TextContent);
        Assert.Equal("Last refreshed 2026-07-01 00:30:00 Berlin time (22:30:00 UTC)", stamp.Find("#u").GetAttribute("title"));
    }

    [Fact]
    public void BeforeTheFirstLoad_NothingShows()
    {
        using var context = new BunitContext();

        var stamp = context.Render<LastUpdated>(p => p.Add(c => c.Id, "u"));

        Assert.Empty(stamp.FindAll("#u"));
    }
}
