using Bunit;
using FlexPower.Tests.Support;
using FlexPower.Web.Components.Shared;
using FlexPower.Web.Features.Reports;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Components.Shared;

/// <summary>Typing days into the date fields: Enter applies, bad text and too long a range are named near the field, and the old figures stay marked stale.</summary>
public sealed class DateEntryTests
{
    private static readonly DateOnly LastTradeDay = new(2026, 10, 1);

    private static async Task<(CoreHost Core, BunitContext Context, IRenderedComponent<ReportsPage> Page)> ReportsAsync()
    {
        var core = await CoreHost.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero)));
        await core.AddTradeAsync("a", 10_000, 10, "sell", LastTradeDay, 9, "trader_1");
        var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Render<ReportsPage>();
        page.WaitForAssertion(() => Assert.Equal("2026-10-01", page.Find("input#report-to").GetAttribute("value")));
        return (core, context, page);
    }

    private static void Type(IRenderedComponent<ReportsPage> page, string field, string text)
    {
        page.Find($"input#{field}").Input(text);
        page.Find($"input#{field}").KeyDown(new KeyboardEventArgs { Key = "Enter" });
    }

    [Fact]
    public async Task TypingADay_AndPressingEnter_AppliesIt()
    {
        var (core, context, page) = await ReportsAsync();
        await using var _ = core;
        await using var __ = context;

        Type(page, "report-from", "2026-09-20");

        Assert.Contains("reports?from=2026-09-20&to=2026-10-01&", context.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task TypingADay_WithoutEnter_AppliesNothingYet()
    {
        var (core, context, page) = await ReportsAsync();
        await using var _ = core;
        await using var __ = context;

        page.Find("input#report-from").Input("2026-09-2");

        Assert.DoesNotContain("from=", context.Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Empty(page.FindAll(".fp-stale"));
    }

    [Fact]
    public async Task TextThatIsNoDay_IsNamedNearTheField_AndTheFiguresStayDimmedWithANote()
    {
        var (core, context, page) = await ReportsAsync();
        await using var _ = core;
        await using var __ = context;

        Type(page, "report-to", "2026-13-01");

        var helper = page.Find("input#report-to").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")!;
        Assert.Contains("“2026-13-01” is not a day: type it as yyyy-MM-dd", helper.TextContent);
        Assert.Contains("fp-stale", page.Find("#report-figures").ClassList);
        Assert.Contains("still for 2026-09-02 – 2026-10-01", page.Find("#report-figures-note").TextContent);
        Assert.Equal("+1,000.00 €", page.Find("#report-kpis .fp-kpi-value").TextContent); // the last good figures, kept
        Assert.True(page.Find("#report-export").HasAttribute("disabled"));
        Assert.DoesNotContain("to=", context.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task AGoodDayAfterBadText_ClearsTheMessage_AndApplies()
    {
        var (core, context, page) = await ReportsAsync();
        await using var _ = core;
        await using var __ = context;
        Type(page, "report-from", "yesterday");
        Assert.Contains("fp-stale", page.Find("#report-figures").ClassList);

        Type(page, "report-from", "2026-09-25");

        Assert.DoesNotContain("is not a day", page.Markup);
        Assert.Contains("reports?from=2026-09-25&to=2026-10-01&", context.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task ARangeOverFiveYears_IsRefusedNearTheField_AndMarksTheFiguresStale()
    {
        var (core, context, page) = await ReportsAsync();
        await using var _ = core;
        await using var __ = context;

        Type(page, "report-from", "2021-09-30");

        var helper = page.Find("input#report-from").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")!;
        Assert.Contains("longer than 5 years", helper.TextContent);
        Assert.Contains("fp-stale", page.Find("#report-figures").ClassList);
        Assert.DoesNotContain("from=", context.Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void NotADay_SaysWhatWasTypedAndTheFormat() =>
        Assert.Equal("“31.12.2026” is not a day: type it as yyyy-MM-dd, for example 2026-12-05.", DayPicker.NotADay(" 31.12.2026 "));

    [Fact]
    public void TypedProblems_ComeFirst_AndNameTheField()
    {
        var input = new DateRangeInput(new(2026, 1, 1), new(2026, 1, 2)) { ToTyped = DayPicker.NotADay("x") };
        Assert.StartsWith("To: “x” is not a day", input.Problem);
        Assert.False(input.IsValid);
    }
}
