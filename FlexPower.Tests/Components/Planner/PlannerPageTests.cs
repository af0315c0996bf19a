using Bunit;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Planner;
using MudBlazor;

namespace FlexPower.Tests.Components.Planner;

public sealed class PlannerPageTests
{
    [Fact]
    public async Task OpensOnTheReferenceFleet_AndALoadEditReplans()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");

        var page = context.Render<PlannerPage>();

        Assert.Contains("338.4", Row(page, "gasfiredbig2"));
        Assert.Equal("24,976.36 €", page.Find("#plan-kpis .fp-kpi-value").TextContent);

        var load = page.FindComponents<Field>().Single(f => f.Instance.Id == "planner-load");
        await page.InvokeAsync(() => load.Instance.Changed.InvokeAsync(480m));

        Assert.Contains("368.4", Row(page, "gasfiredbig1"));
        Assert.Contains("0.0", Row(page, "gasfiredbig2"));
        Assert.Contains("Load 480.0 MW", page.Find("#merit-order-caption").TextContent);
    }

    [Fact]
    public async Task TheLoadSlider_ReplansLikeTheField()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");
        var page = context.Render<PlannerPage>();

        var slider = page.FindComponents<MudSlider<decimal>>().First();
        await page.InvokeAsync(() => slider.Instance.ValueChanged.InvokeAsync(480m));

        Assert.Contains("368.4", Row(page, "gasfiredbig1"));
    }

    [Fact]
    public async Task AnInvalidPlant_ShowsItsProblemOnItsOwnRow_AndNoPlan()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");
        var page = context.Render<PlannerPage>();

        var pmin = page.FindComponents<MudNumericField<decimal>>().First(f => f.Instance.UserAttributes.TryGetValue("aria-label", out var label) && Equals(label, "Pmin in MW"));
        await page.InvokeAsync(() => pmin.Instance.ValueChanged.InvokeAsync(999m));

        var error = Assert.Single(page.FindAll(".fp-row-error"));
        Assert.Contains("pmin", error.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(page.FindAll("#plan-table"));
    }

    private static string Row(IRenderedComponent<PlannerPage> page, string plant) =>
        page.FindAll("#plan-table tbody tr").Single(r => r.TextContent.Contains(plant)).TextContent;
}
