using Bunit;
using FlexPower.Core.Alerts;
using FlexPower.Core.Limits;
using FlexPower.Tests.Support;
using FlexPower.Web.Components.Layout;

namespace FlexPower.Tests.Components.Layout;

public sealed class LimitAlertStripTests
{
    [Fact]
    public async Task ABreachRaisedWhileAPageIsOpen_ShowsTheStrip_ButNotMissingFiles_AndItGoesWhenCleared()
    {
        await using var core = await CoreHost.StartAsync();
        var writer = core.Get<AlertWriter>();
        await writer.SyncAsync([AlertKinds.MissingFile], _ => true, [new WantedAlert(AlertKinds.MissingFile, "epex_trades_20261129.csv", "missing")], _ => "", Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var strip = context.Render<LimitAlertStrip>();
        Assert.Empty(strip.FindAll(".mud-alert")); // the missing file has its own strip

        var kinds = new[] { AlertKinds.OpenPositionLimit };
        await writer.SyncAsync(kinds, _ => true,
            [new WantedAlert(AlertKinds.OpenPositionLimit, "trader_1 2023-02-28 9 - 10", "long 60 MW"), new WantedAlert(AlertKinds.OpenPositionLimit, "trader_1 2023-02-28 10 - 11", "long 55 MW")], _ => "", Xunit.TestContext.Current.CancellationToken);

        strip.WaitForAssertion(() => Assert.Contains("2 limit breaches", strip.Markup));
        Assert.Contains("trader_1: 2", strip.Markup);
        Assert.Equal("alerts", strip.Find("#limit-alert a").GetAttribute("href"));

        await writer.SyncAsync(kinds, _ => true, [], _ => "Back inside the limit.", Xunit.TestContext.Current.CancellationToken);
        strip.WaitForAssertion(() => Assert.Empty(strip.FindAll(".mud-alert")));
    }

    private static readonly DateOnly Day = new(2023, 2, 28);
    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    private static Task RaiseAsync(CoreHost core, params WantedAlert[] wanted) =>
        core.Get<AlertWriter>().SyncAsync([AlertKinds.OpenPositionLimit, AlertKinds.DailyLossLimit], _ => true, wanted, _ => "Back inside the limit.", Token);

    [Fact]
    public async Task Trader_SeesTheirOwnBreach_WithTheHoursAndALinkToThatDay()
    {
        await using var core = await CoreHost.StartAsync();
        await RaiseAsync(core,
            new WantedAlert(AlertKinds.OpenPositionLimit, LimitRules.HourSubject("trader_1", Day, 9), "long 89 MW"),
            new WantedAlert(AlertKinds.DailyLossLimit, LimitRules.DaySubject("trader_1", Day), "lost 900 EUR"));
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");

        var strip = context.Render<LimitAlertStrip>();

        strip.WaitForAssertion(() => Assert.Contains("You are over your limit: 2 breaches", strip.Find("#limit-alert").TextContent));
        Assert.Contains("2023-02-28: 9 - 10, day loss", strip.Find("#limit-alert").TextContent);
        // Traders cannot open the Alerts page; the link opens their home page on the breached day.
        Assert.Equal("?day=2023-02-28", strip.Find("#limit-alert a").GetAttribute("href"));
    }

    [Fact]
    public async Task Trader_NeverSeesAnotherTradersBreach_AndTheStripComesWithTheirOwn()
    {
        await using var core = await CoreHost.StartAsync();
        await RaiseAsync(core, new WantedAlert(AlertKinds.OpenPositionLimit, LimitRules.HourSubject("trader_2", Day, 9), "ben is long 89 MW"));
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");
        var strip = context.Render<LimitAlertStrip>();
        Assert.Empty(strip.FindAll("#limit-alert"));

        await RaiseAsync(core,
            new WantedAlert(AlertKinds.OpenPositionLimit, LimitRules.HourSubject("trader_2", Day, 9), "ben is long 89 MW"),
            new WantedAlert(AlertKinds.OpenPositionLimit, LimitRules.HourSubject("trader_1", Day, 10), "anna is long 50 MW"));

        strip.WaitForAssertion(() => Assert.Contains("1 breach", strip.Find("#limit-alert").TextContent));
        Assert.DoesNotContain("trader_2", strip.Markup);
        Assert.Contains("10 - 11", strip.Find("#limit-alert").TextContent);
    }

    [Fact]
    public async Task Manager_SeesEveryTradersBreaches_CountedPerTrader()
    {
        await using var core = await CoreHost.StartAsync();
        await RaiseAsync(core,
            new WantedAlert(AlertKinds.OpenPositionLimit, LimitRules.HourSubject("trader_1", Day, 9), "anna"),
            new WantedAlert(AlertKinds.OpenPositionLimit, LimitRules.HourSubject("trader_2", Day, 9), "ben"),
            new WantedAlert(AlertKinds.DailyLossLimit, LimitRules.DaySubject("trader_2", Day), "ben's day"));
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var strip = context.Render<LimitAlertStrip>();

        strip.WaitForAssertion(() => Assert.Contains("3 limit breaches", strip.Find("#limit-alert").TextContent));
        Assert.Contains("trader_1: 1, trader_2: 2", strip.Find("#limit-alert").TextContent);
        Assert.Equal("alerts", strip.Find("#limit-alert a").GetAttribute("href"));
    }
}
