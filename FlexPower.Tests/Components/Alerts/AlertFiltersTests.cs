using Bunit;
using FlexPower.Core.Alerts;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Alerts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FlexPower.Tests.Components.Alerts;

/// <summary>Alerts link to the trader's day, stay greyed with who and when once acknowledged, and filter by trader and kind from the URL.</summary>
public sealed class AlertFiltersTests
{
    private static async Task<CoreHost> WithAlertsAsync()
    {
        var core = await CoreHost.StartAsync();
        await core.AddTradeAsync("a", 10_000, 10, "sell", new DateOnly(2026, 11, 26), 9, "trader_1");
        await core.AddTradeAsync("b", 10_000, 10, "sell", new DateOnly(2026, 11, 26), 9, "trader_2");
        var writer = core.Get<AlertWriter>();
        await writer.SyncAsync([AlertKinds.DailyLossLimit], _ => true,
            [new WantedAlert(AlertKinds.DailyLossLimit, "trader_1 2026-11-26", "trader_1 has lost 525.00 EUR"),
             new WantedAlert(AlertKinds.DailyLossLimit, "trader_2 2026-11-26", "trader_2 has lost 900.00 EUR")], _ => "", Xunit.TestContext.Current.CancellationToken);
        await writer.SyncAsync([AlertKinds.OpenPositionLimit], _ => true,
            [new WantedAlert(AlertKinds.OpenPositionLimit, "trader_1 2026-11-26 9 - 10", "trader_1 holds 89 MW of 40 MW")], _ => "", Xunit.TestContext.Current.CancellationToken);
        await writer.SyncAsync([AlertKinds.MissingFile], _ => true,
            [new WantedAlert(AlertKinds.MissingFile, "epex_trades_20261125.csv", "The exchange file is missing")], _ => "", Xunit.TestContext.Current.CancellationToken);
        return core;
    }

    private static IEnumerable<string> Subjects(IRenderedComponent<AlertsPage> page) =>
        page.FindAll("#open-alerts-table tbody tr td:first-child").Select(td => td.TextContent.Trim());

    [Fact]
    public async Task ALimitAlert_LinksToTheTradersDay_AMissingFileDoesNot()
    {
        await using var core = await WithAlertsAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Render<AlertsPage>();

        page.WaitForAssertion(() => Assert.Equal("4 open alerts", page.Find("#open-heading").TextContent));
        var links = page.FindAll("#open-alerts-table a.fp-alert-subject").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Contains(("trader_1 2026-11-26 9 - 10", "reports/day?trader=trader_1&day=2026-11-26"), links);
        Assert.Contains(("trader_2 2026-11-26", "reports/day?trader=trader_2&day=2026-11-26"), links);
        Assert.Equal(3, links.Count); // the missing file's subject is plain text
    }

    [Fact]
    public async Task AnAcknowledgedAlert_StaysOpenGreyed_WithWhoAndWhen()
    {
        await using var core = await WithAlertsAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager("maria");
        var page = context.Render<AlertsPage>();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("#open-alerts-table .fp-acknowledge").Count));

        page.FindAll("#open-alerts-table .fp-acknowledge")[0].Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#open-alerts-table tr.fp-acknowledged")));
        Assert.Equal("4 open alerts", page.Find("#open-heading").TextContent);
        Assert.Contains("maria", page.Find("#open-alerts-table tr.fp-acknowledged .fp-ack").TextContent);
        Assert.Empty(page.FindAll("#open-alerts-table tr.fp-acknowledged .fp-acknowledge"));
    }

    [Fact]
    public async Task TheFilters_ComeFromTheUrl_AndGoBackIntoIt()
    {
        await using var core = await WithAlertsAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Open<AlertsPage>("alerts?trader=trader_1&kind=daily_loss_limit");

        page.WaitForAssertion(() => Assert.Equal(["trader_1 2026-11-26"], Subjects(page)));
        Assert.Equal("trader_1", page.Find("input#alert-trader").GetAttribute("value"));
        Assert.Equal("daily loss", page.Find("input#alert-kind").GetAttribute("value"));

        var kind = page.FindComponents<MudSelect<string>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("id"), "alert-kind"));
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(null));

        var uri = context.Services.GetRequiredService<NavigationManager>().Uri;
        Assert.Contains("trader=trader_1", uri);
        Assert.DoesNotContain("kind=", uri);
    }

    [Fact]
    public async Task OneTrader_LeavesOutOtherTradersAndMissingFiles()
    {
        await using var core = await WithAlertsAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Open<AlertsPage>("alerts?trader=trader_1");

        page.WaitForAssertion(() => Assert.Equal(["trader_1 2026-11-26", "trader_1 2026-11-26 9 - 10"], Subjects(page).Order()));
    }
}
