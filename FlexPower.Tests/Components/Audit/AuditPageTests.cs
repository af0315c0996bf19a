using Bunit;
using FlexPower.Core.Accounts;
using FlexPower.Core.Alerts;
using FlexPower.Core.Audit;
using FlexPower.Core.Limits;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Alerts;
using FlexPower.Web.Features.Audit;
using MudBlazor;

namespace FlexPower.Tests.Components.Audit;

public sealed class AuditPageTests
{
    private static readonly Caller Other = new("carla", IsManager: true, TraderId: null) { Address = "192.0.2.9" };
    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePage_ListsChangesNewestFirst_ShowsWhatChanged_AndFiltersByKindAndPerson()
    {
        await using var core = await CoreHost.StartAsync();
        var limits = core.Get<LimitService>();
        await limits.SetAsync(PageTesting.Manager, "trader_1", new LimitInput(40, null), Token);
        await limits.SetAsync(Other, "trader_1", new LimitInput(25, 5000m), Token);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        context.RenderProviders();

        var page = context.Render<AuditPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("#audit-table tbody tr").Count));
        var rows = page.FindAll("#audit-table tbody tr");
        Assert.Contains("carla", rows[0].TextContent);
        Assert.Equal(["max_open_mw: 40 → 25", "max_daily_loss_eur: — → 5000"], rows[0].QuerySelectorAll(".fp-audit-change").Select(c => c.TextContent.Trim()));
        Assert.Contains("192.0.2.9", rows[0].TextContent);
        Assert.Contains("user.create", rows[2].TextContent);
        Assert.Contains("(start-up)", rows[2].TextContent);

        var kind = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Kind");
        await page.InvokeAsync(() => kind.Instance.ValueChanged.InvokeAsync(AuditKinds.LimitSet));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#audit-table tbody tr").Count));
        Assert.Contains("kind=limit.set", page.Find("#audit-export").GetAttribute("href"));

        var person = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Person");
        await page.InvokeAsync(() => person.Instance.ValueChanged.InvokeAsync("admin"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#audit-table tbody tr")));
        Assert.Contains("admin", page.Find("#audit-table tbody tr").TextContent);
        Assert.Equal("audit/export.csv?user=admin&kind=limit.set", page.Find("#audit-export").GetAttribute("href"));
    }

    [Fact]
    public async Task ADayRangeWithoutChanges_ShowsTheEmptyState_AndABadRangeDisablesTheExport()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Render<AuditPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#audit-table tbody tr")));
        var (from, to) = (page.FindComponents<MudDatePicker>()[0], page.FindComponents<MudDatePicker>()[1]);

        await page.InvokeAsync(() => from.Instance.DateChanged.InvokeAsync(new DateTime(2001, 1, 1)));
        await page.InvokeAsync(() => to.Instance.DateChanged.InvokeAsync(new DateTime(2001, 1, 2)));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#audit-empty")));

        await page.InvokeAsync(() => from.Instance.DateChanged.InvokeAsync(new DateTime(2001, 1, 5)));
        Assert.True(page.Find("#audit-export").HasAttribute("disabled"));
    }

    [Fact]
    public async Task AcknowledgingOnTheAlertsPage_KeepsTheAlertOpenAndGreyed_WithWhoAndWhen_AndAudits()
    {
        await using var core = await CoreHost.StartAsync();
        await core.Get<AlertWriter>().SyncAsync([AlertKinds.DailyLossLimit], _ => true,
            [new WantedAlert(AlertKinds.DailyLossLimit, "trader_1 2023-02-28", "trader_1 has lost 525.00 EUR")], _ => "", Token);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        context.RenderProviders();
        var page = context.Render<AlertsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#open-alerts-table .fp-acknowledge")));

        await page.InvokeAsync(() => page.Find("#open-alerts-table .fp-acknowledge").Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#open-alerts-table tr.fp-acknowledged")));
        Assert.StartsWith("admin", page.Find("#open-alerts-table tr.fp-acknowledged .fp-ack").TextContent);
        Assert.Empty(page.FindAll("#open-alerts-table .fp-acknowledge"));
        Assert.Equal("1 open alert", page.Find("#open-heading").TextContent);
        var entries = await core.Get<AuditService>().ListAsync(PageTesting.Manager, new AuditFilter(Kind: AuditKinds.AlertAcknowledged), Token);
        Assert.Equal("admin", Assert.Single(entries).UserName);
    }
}
