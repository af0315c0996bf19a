using Bunit;
using FlexPower.Core.Import;
using FlexPower.Tests.Support;
using FlexPower.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Components.Layout;

public sealed class ImportAlertStripTests
{
    // 11:00 in Berlin on 30 November: the files of the 27th, 28th and 29th are past their 08:00 deadlines.
    private static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task OpenAlerts_ShowAsOneStrip_WithTheCountAndALinkToImports()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        await core.Get<MissingFileMonitor>().CheckAsync(scanInbox: false, CancellationToken.None);
        await using var context = new BunitContext();
        context.UseFlexPower(core);

        var strip = context.Render<ImportAlertStrip>();

        Assert.Single(strip.FindAll(".mud-alert"));
        Assert.Contains("3 exchange files are missing", strip.Markup);
        Assert.Contains("epex_trades_20261129.csv", strip.Markup);
        Assert.Equal("imports", strip.Find("#import-alert a").GetAttribute("href"));
    }

    [Fact]
    public async Task Dismissing_HidesTheStrip_UntilAnotherFileGoesMissing()
    {
        var clock = Clock();
        await using var core = await CoreHost.StartAsync(clock);
        var monitor = core.Get<MissingFileMonitor>();
        await monitor.CheckAsync(scanInbox: false, CancellationToken.None);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        var strip = context.Render<ImportAlertStrip>();

        await strip.Find("#import-alert button").ClickAsync(new());
        Assert.Empty(strip.FindAll(".mud-alert"));

        clock.Advance(TimeSpan.FromDays(1)); // the 30th's file is now overdue too
        await monitor.CheckAsync(scanInbox: false, CancellationToken.None);
        strip.WaitForAssertion(() => Assert.Contains("epex_trades_20261130.csv", strip.Markup));
    }

    [Fact]
    public async Task OnTheImportsPage_TheStripStepsAside_ForThePagesFullList()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        await core.Get<MissingFileMonitor>().CheckAsync(scanInbox: false, CancellationToken.None);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        var strip = context.Render<ImportAlertStrip>();
        Assert.Single(strip.FindAll(".mud-alert"));

        context.Services.GetRequiredService<NavigationManager>().NavigateTo("imports");

        strip.WaitForAssertion(() => Assert.Empty(strip.FindAll(".mud-alert")));
    }

    [Fact]
    public async Task NoAlerts_NoStrip()
    {
        await using var core = await CoreHost.StartAsync(Clock());
        await using var context = new BunitContext();
        context.UseFlexPower(core);

        Assert.Empty(context.Render<ImportAlertStrip>().FindAll(".mud-alert"));
    }
}
