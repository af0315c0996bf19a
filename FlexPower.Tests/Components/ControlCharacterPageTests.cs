using Bunit;
using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using FlexPower.Core.Import;
using FlexPower.Core.Limits;
using FlexPower.Core.Planning;
using FlexPower.Tests.Components.Limits;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Limits;
using FlexPower.Web.Features.Planner;
using FlexPower.Web.Features.Prices;
using FlexPower.Web.Features.Reports;
using Microsoft.AspNetCore.Components.Forms;

namespace FlexPower.Tests.Components;

/// <summary>The pages' forms, uploads and links with control characters in them: the page explains, nothing is stored, nothing fails.</summary>
public abstract class ControlCharacterPageTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Refused = "must not contain control characters";
    private CoreHost core = default!;
    private BunitContext context = default!;

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        core = await CoreHost.StartAsync(provider: provider);
        context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        context.RenderProviders();
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        await core.DisposeAsync();
    }

    [Fact]
    public async Task NewAccount_WithANulInItsTraderId_IsExplained_AndNotCreated()
    {
        var page = context.Render<Web.Features.Users.Users>();
        // Each find and its event in one dispatch: on PostgreSQL the page's load may re-render the form in between.
        await page.InvokeAsync(async () =>
        {
            page.Find("input#new-user-name").Change("nora");
            page.Find("input#new-user-password").Change("Nora-Passw0rd!");
            page.Find("input#new-user-trader-id").Change("trader\u00001");
            await page.Find("#create-user").ClickAsync(new());
        });

        page.WaitForAssertion(() => Assert.Contains($"trader_id {Refused}", page.Find("#new-account-error").TextContent));
        Assert.DoesNotContain(await core.Get<AccountService>().ListAsync(Token), a => a.UserName == "nora");
    }

    [Fact]
    public async Task Limit_ForATraderIdWithALineBreak_IsExplained_AndNotStored()
    {
        var page = context.Render<LimitsPage>();
        await page.FillAndSaveLimitAsync("trader\n1", "40");

        page.WaitForAssertion(() => Assert.Contains($"trader_id {Refused}", page.Find("#limit-problem").TextContent));
        Assert.Empty(await core.Get<LimitService>().ListAsync(PageTesting.Manager, Token));
    }

    [Fact]
    public async Task TradeUpload_WhoseNameHasALineBreak_IsExplained_AndNotImported()
    {
        var page = context.Render<Web.Features.Imports.Imports>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\nu1,1,1,buy,2026-11-27,9,trader_1,2026-11-27T00:00:00Z", "epex\r\nforged.csv"));

        page.WaitForAssertion(() => Assert.Contains($"The file's name {Refused}", page.Find("#import-error").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(await core.Get<ImportService>().ListAsync(PageTesting.Manager, cancellationToken: Token));
    }

    [Fact]
    public async Task PriceUpload_WhoseNameHasANul_IsExplained_AndNotImported()
    {
        var page = context.Render<PricesPage>();
        await page.InvokeAsync(() => page.Find("input#price-series").Input("day-ahead"));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("delivery_day,delivery_hour,price_eur_mwh\n2026-11-27,9,50.00\n", "prices\u0000.csv"));

        page.WaitForAssertion(() => Assert.Contains($"The file's name {Refused}", page.Find("#price-error").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(await core.Get<ImportService>().ListAsync(PageTesting.Manager, cancellationToken: Token));
    }

    [Fact]
    public async Task Scenario_NamedWithANul_IsExplained_AndNotSaved()
    {
        var page = context.Render<PlannerPage>();
        await page.InvokeAsync(async () =>
        {
            page.Find("input#scenario-name").Change("peak\u0000");
            await page.Find("#scenario-save").ClickAsync(new());
        });

        page.WaitForAssertion(() => Assert.Contains($"The scenario's name {Refused}", page.Markup));
        Assert.Empty(await core.Get<ScenarioService>().ListAsync(PageTesting.Manager, Token));
    }

    [Theory]
    [InlineData("trader%001")]
    [InlineData("trader%0D%0A1")]
    public void RangeReport_LinkWithSuchATrader_ExplainsIt(string trader)
    {
        var page = context.Open<ReportsPage>($"reports?from=2026-11-01&to=2026-11-30&trader={trader}");

        page.WaitForAssertion(() => Assert.Contains($"trader_id {Refused}", page.Find("#report-error").TextContent));
    }

    [Fact]
    public void DayReport_LinkWithSuchATrader_ExplainsIt()
    {
        var page = context.Open<DayReportPage>("reports/day?trader=trader%001&day=2026-11-26");

        page.WaitForAssertion(() => Assert.Contains($"trader_id {Refused}", page.Find("#day-report-error").TextContent));
    }

    [Fact]
    public async Task Trades_LinkWithSuchATrader_DropsThatFilter_LikeAnyBadValueInALink()
    {
        await core.AddTradeAsync("t1", 100, 1, "buy", new DateOnly(2026, 11, 26), 9);

        var page = context.Open<Web.Features.Trades.Trades>("trades?from=2026-11-26&to=2026-11-26&trader=trader%001");

        page.WaitForAssertion(() => Assert.Contains("t1", page.Find("#trades-grid").TextContent));
    }

    [Fact]
    public void Alerts_LinkWithSuchATrader_DropsThatFilter_LikeAnyBadValueInALink()
    {
        var page = context.Open<Web.Features.Alerts.AlertsPage>("alerts?trader=trader%0A1");

        page.WaitForAssertion(() => Assert.Equal("Nothing open", page.Find("#open-heading").TextContent));
        Assert.Equal("", page.Find("input#alert-trader").GetAttribute("value") ?? ""); // the field shows the filter applied: none
    }
}

public sealed class ControlCharacterPageTests_Sqlite() : ControlCharacterPageTests(DatabaseProvider.Sqlite);

public sealed class ControlCharacterPageTests_Postgres() : ControlCharacterPageTests(DatabaseProvider.Postgres);
