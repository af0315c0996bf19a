using Bunit;
using FlexPower.Core.Alerts;
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
}
