using Bunit;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Planner;
using Microsoft.AspNetCore.Components.Forms;

namespace FlexPower.Tests.Components.Planner;

/// <summary>The planner's messages: what a loaded fleet is called, bad JSON in the page's words, MW as the sliders write them.</summary>
public sealed class PlannerMessagesTests
{
    private const string OnePlant = """
        {"load": 60, "fuels": {"gas(euro/MWh)": 10, "kerosine(euro/MWh)": 50, "co2(euro/ton)": 0, "wind(%)": 0},
         "powerplants": [{"name": "solo", "type": "gasfired", "efficiency": 0.5, "pmin": 0, "pmax": 100}]}
        """;

    private static async Task<(CoreHost, BunitContext, IRenderedComponent<PlannerPage>)> PlannerAsync()
    {
        var core = await CoreHost.StartAsync();
        var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");
        context.RenderProviders();
        return (core, context, context.Render<PlannerPage>());
    }

    [Fact]
    public async Task AfterAnImport_ThePickerNamesTheImportedFleet_NotTheReferenceOne()
    {
        var (core, context, page) = await PlannerAsync();
        await using var _ = core;
        await using var __ = context;

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(OnePlant, "fleet.json"));

        page.WaitForAssertion(() => Assert.Equal("Imported fleet", page.Find("input#planner-example").GetAttribute("value")));
        Assert.Contains("solo", page.Find("#plan-table").TextContent);
        Assert.Empty(page.FindAll(".fp-stale"));
    }

    [Fact]
    public async Task BrokenJson_SaysWhereInThePagesWords_AndKeepsTheLastPlanMarkedStale()
    {
        var (core, context, page) = await PlannerAsync();
        await using var _ = core;
        await using var __ = context;
        var before = page.Find("#plan-kpis .fp-kpi-value").TextContent;

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{\n  \"load\": 60,\n  \"fuels\": {\n}", "broken.json"));

        page.WaitForAssertion(() => Assert.Contains("This is not valid JSON: it breaks off at line 4", page.Find("#payload-import-error").TextContent));
        Assert.DoesNotContain("BytePositionInLine", page.Markup);
        Assert.DoesNotContain("Not a valid payload", page.Find("#payload-import-error").TextContent);
        Assert.Contains("fp-stale", page.Find("#plan-figures").ClassList);
        Assert.Equal(before, page.Find("#plan-kpis .fp-kpi-value").TextContent); // the last good plan, kept
        Assert.NotEqual("Imported fleet", page.Find("input#planner-example").GetAttribute("value"));
    }

    [Fact]
    public async Task AnEditAfterBrokenJson_PlansTheCurrentSetUp_NoLongerStale()
    {
        var (core, context, page) = await PlannerAsync();
        await using var _ = core;
        await using var __ = context;
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("not json", "broken.json"));
        page.WaitForAssertion(() => Assert.Contains("fp-stale", page.Find("#plan-figures").ClassList));

        var load = page.FindComponents<Field>().Single(f => f.Instance.Id == "planner-load");
        await page.InvokeAsync(() => load.Instance.Changed.InvokeAsync(480m));

        Assert.DoesNotContain("fp-stale", page.Find("#plan-figures").ClassList);
    }

    [Fact]
    public async Task ALoadAboveCapacity_IsWrittenInMwLikeTheSlider()
    {
        var (core, context, page) = await PlannerAsync();
        await using var _ = core;
        await using var __ = context;

        var load = page.FindComponents<Field>().Single(f => f.Instance.Id == "planner-load");
        await page.InvokeAsync(() => load.Instance.Changed.InvokeAsync(99_999m));

        var error = page.Find(".planner-error").TextContent;
        Assert.Contains("The load of 99,999.0 MW is above the fleet's total available capacity of 1,257.6 MW", error);
        Assert.Contains("99,999.0 MW", page.Find(".fp-sliders").TextContent);
    }
}
