using Bunit;
using FlexPower.Core.Prices;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Prices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Components.Prices;

public sealed class PricesPageTests
{
    [Fact]
    public async Task AnUpload_ImportsIntoTheNamedSeries_ShowsTheSummaryWithRejectedLines_AndTheSeries()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Render<PricesPage>();
        page.WaitForAssertion(() => Assert.Contains("No prices yet", page.Find("#price-series-empty").TextContent));

        page.Find("input#price-series").Input("id3");
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "delivery_day,delivery_hour,price_eur_mwh\n2026-03-29,1,50.00\n2026-03-29,2,50.00\n2026-03-29,3,-12.34\n", "spring.csv"));

        page.WaitForAssertion(() => Assert.Contains("spring.csv → id3: imported", page.Find("#price-summary-title").TextContent));
        Assert.Equal("2", page.Find("#price-inserted .fp-kpi-value").TextContent);
        Assert.Equal("1", page.Find("#price-rejected .fp-kpi-value").TextContent);
        Assert.Contains("delivery_hour 2 does not exist on 2026-03-29", page.Find("#price-rejected-table").TextContent);
        Assert.Equal("2026-03-29,2,50.00", page.Find("#price-rejected-table tbody code").TextContent); // the line as received
        page.WaitForAssertion(() => Assert.Contains("id3", page.Find("#price-series-table").TextContent));
        Assert.Equal(2, (await core.Get<PriceService>().ListAsync("id3", new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29), Xunit.TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task TheSeriesAndDayShown_OpenFromTheAddress_AndAnotherDayIsKeptInIt()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Open<PricesPage>("?series=id3&day=2026-03-27");
        page.Find("input#price-series").Input("id3");
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "delivery_day,delivery_hour,price_eur_mwh\n2026-03-28,1,50.00\n2026-03-29,3,-12.34\n", "two-days.csv"));

        // The day in the address, not the series' last day: it has no prices.
        page.WaitForAssertion(() => Assert.Contains("No prices of id3 for Fri 27 Mar 2026", page.Find("#price-day-empty").TextContent));
        await page.InvokeAsync(() => page.Find("#price-next").Click());
        Assert.EndsWith("?series=id3&day=2026-03-28", context.Services.GetRequiredService<NavigationManager>().Uri);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#price-day-empty")));
    }

    [Fact]
    public async Task ABadSeriesName_IsExplained_AndNothingIsImported()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Render<PricesPage>();

        page.Find("input#price-series").Input("Day Ahead");
        page.Find("input#price-series").Blur();

        page.WaitForAssertion(() => Assert.Contains("lower-case letters, digits", page.Markup));
        Assert.Empty(await core.Get<PriceService>().SeriesAsync(Xunit.TestContext.Current.CancellationToken));
    }
}
