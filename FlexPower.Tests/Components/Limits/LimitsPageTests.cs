using Bunit;
using FlexPower.Core.Limits;
using FlexPower.Tests.Support;
using FlexPower.Web.Components.Shared;
using FlexPower.Web.Features.Limits;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Components.Limits;

public sealed class LimitsPageTests
{
    [Fact]
    public async Task ARefusedLimit_IsExplained_KeepsTheInput_AndStoresNothing_ThenAValidOneIsListed()
    {
        await using var core = await CoreHost.StartAsync();
        await core.Get<LimitService>().SetAsync(PageTesting.Manager, "trader_1", new LimitInput(50, 1000m), Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        context.RenderProviders();
        var page = context.Render<LimitsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#limits-table tbody tr")));

        await page.Find(".fp-limit-edit").ClickAsync(new());
        page.Find("#limit-mw").Change("0");
        await page.Find("#limit-save").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("max_open_mw must be a whole number of MW from 1", page.Find("#limit-problem").TextContent));
        Assert.Equal("0", page.Find("#limit-mw").GetAttribute("value"));
        Assert.Equal(50, (await core.Get<LimitService>().ListAsync(PageTesting.Manager, Xunit.TestContext.Current.CancellationToken)).Single().MaxOpenMw);

        page.Find("#limit-mw").Change("30");
        await page.Find("#limit-save").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#limit-problem")));
        page.WaitForAssertion(() => Assert.Contains("30", page.Find("#limits-table tbody tr").TextContent));
        Assert.Equal(30, (await core.Get<LimitService>().ListAsync(PageTesting.Manager, Xunit.TestContext.Current.CancellationToken)).Single().MaxOpenMw);
    }

    [Fact]
    public async Task ALimitSetElsewhere_AppearsWithoutAReload()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        context.RenderProviders();
        var page = context.Render<LimitsPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#limits-table tbody tr")));

        // Another manager's change, through the service every route and instance uses.
        await core.Get<LimitService>().SetAsync(new("other", true, null), "trader_9", new LimitInput(70, null), Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Contains("trader_9", page.Find("#limits-table tbody tr").TextContent));
    }

    [Fact]
    public async Task ALimitForATraderIdNoAccountHas_IsSaved_WithAWarningToCheckTheSpelling()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        context.RenderProviders();
        var page = context.Render<LimitsPage>();

        await page.FillAndSaveLimitAsync("trader1", "40");

        page.WaitForAssertion(() => Assert.Contains("trader1", page.Find("#limits-table tbody tr").TextContent));
        var snackbars = context.Services.GetRequiredService<MudBlazor.ISnackbar>();
        page.WaitForAssertion(() => Assert.Contains(snackbars.ShownSnackbars, s => s.Message!.Contains("No account has trader_id 'trader1'")));
    }

    [Fact]
    public async Task TheTradersUsage_ShowsEachOpenHourAgainstTheLimit_AndTheBreachInRed()
    {
        await using var core = await CoreHost.StartAsync();
        var day = new DateOnly(2023, 2, 28);
        await core.AddTradeAsync("a", 8000, 60, "buy", day, 9);
        await core.AddTradeAsync("b", 8000, 10, "sell", day, 20);
        await core.Get<LimitService>().SetAsync(PageTesting.Manager, "trader_1", new LimitInput(40, 100m), Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("tom", "trader_1");

        var usage = context.Render<LimitUsage>(p => p.Add(c => c.TraderId, "trader_1"));

        usage.WaitForAssertion(() => Assert.Equal(2, usage.FindAll("#limit-usage-hours tbody tr").Count));
        var rows = usage.FindAll("#limit-usage-hours tbody tr");
        Assert.Contains("9 - 10", rows[0].TextContent);
        Assert.Contains("+60", rows[0].TextContent);
        Assert.Contains("fp-loss", rows[0].ClassName);
        Assert.Contains("-10", rows[1].TextContent);
        Assert.DoesNotContain("fp-loss", rows[1].ClassName ?? "");
        Assert.Contains("60 MW", usage.Find("#limit-usage-open").TextContent);
        // Cash (no reference price): −4,800 + 800 = −4,000 EUR, over the 100 EUR limit.
        Assert.Contains("4,000.00 €", usage.Find("#limit-usage-loss").TextContent);
        Assert.Contains("cash", usage.Find("#limit-usage-loss").TextContent);
    }
}
