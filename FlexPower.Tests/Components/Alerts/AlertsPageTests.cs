using Bunit;
using FlexPower.Core.Alerts;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Alerts;

namespace FlexPower.Tests.Components.Alerts;

public sealed class AlertsPageTests
{
    [Fact]
    public async Task AnAlertRaisedWhileThePageIsOpen_AppearsLive_WithItsPendingDelivery_AndMovesToClearedWhenItClears()
    {
        await using var core = await CoreHost.StartAsync(settings: new() { ["Alerts:WebhookUrl"] = "http://127.0.0.1:9/hook", ["Alerts:WebhookSecret"] = "0123456789abcdef0123" });
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Render<AlertsPage>();
        page.WaitForAssertion(() => Assert.Equal("Nothing open", page.Find("#open-heading").TextContent));
        Assert.NotNull(page.Find("#deliveries-empty"));

        var writer = core.Get<AlertWriter>();
        var breach = new WantedAlert(AlertKinds.DailyLossLimit, "trader_1 2023-02-28", "trader_1 has lost 525.00 EUR");
        await writer.SyncAsync([AlertKinds.DailyLossLimit], _ => true, [breach], _ => "", Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal("1 open alert", page.Find("#open-heading").TextContent));
        Assert.Contains("trader_1 has lost 525.00 EUR", page.Find("#open-alerts-table").TextContent);
        Assert.Contains("daily loss", page.Find("#open-alerts-table").TextContent);
        var delivery = page.Find("#deliveries-table tbody tr");
        Assert.Contains("raised", delivery.TextContent);
        Assert.Contains("webhook", delivery.TextContent);
        Assert.Contains("pending", delivery.TextContent);

        await writer.SyncAsync([AlertKinds.DailyLossLimit], _ => true, [], _ => "Back inside the limit.", Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Equal("Nothing open", page.Find("#open-heading").TextContent));
        Assert.Contains("Back inside the limit.", page.Find("#alert-history-table").TextContent);
        Assert.Equal(2, page.FindAll("#deliveries-table tbody tr").Count);
    }
}
