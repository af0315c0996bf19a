using Bunit;
using FlexPower.Core.Import;
using FlexPower.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using HomePage = FlexPower.Web.Features.Home.Home;

namespace FlexPower.Tests.Components.Home;

/// <summary>The manager home's latest imports: the five newest lines, a file recorded while the page is open arriving highlighted.</summary>
public sealed class LatestImportsTests
{
    [Fact]
    public async Task AFileRecordedWhileTheHomeIsOpen_ArrivesOnTop_Highlighted_AndMovesTheUpdatedTime()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));
        await using var core = await CoreHost.StartAsync(clock);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Render<HomePage>();
        page.WaitForAssertion(() => Assert.Equal("Updated 11:00:00", page.Find("#desk-updated").TextContent));
        Assert.Empty(page.FindAll("#latest-imports"));
        Assert.Contains("No imports yet.", page.Markup);

        clock.Advance(TimeSpan.FromMinutes(5));
        await core.Get<ImportService>().ImportFileAsync(Reference.File("trades", "epex_trades_20230220.csv"),
            new ImportRequest("epex_trades_20230220.csv", ImportSource.Upload, PageTesting.Manager), cancellationToken: Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#latest-imports tbody tr")));
        var line = page.Find("#latest-imports tbody tr");
        Assert.Contains("epex_trades_20230220.csv", line.TextContent);
        Assert.Contains(line.ClassList, c => c.StartsWith("fp-arrived-", StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Equal("Updated 11:05:00", page.Find("#desk-updated").TextContent));
    }
}
