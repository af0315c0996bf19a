using Bunit;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Reports;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Components.Reports;

public sealed class DayReportPageTests
{
    private static readonly DateOnly Day = new(2026, 11, 26); // a Thursday

    [Fact]
    public async Task Back_ReturnsToTheRangeTheUserCameFrom()
    {
        await using var core = await CoreHost.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero)));
        await core.AddTradeAsync("a", 10_000, 10, "sell", Day, 9, "trader_1");
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        const string from = "reports?from=2026-11-01&to=2026-11-30&granularity=day&trader=trader_1";

        var page = context.Open<DayReportPage>($"reports/day?trader=trader_1&day=2026-11-26&back={Uri.EscapeDataString(from)}");

        page.WaitForAssertion(() => Assert.Equal(from, page.Find("#back-to-range").GetAttribute("href")));
        Assert.Equal("+1,000.00 €", page.Find("#hourly-total").TextContent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://evil.example/reports?x")]
    [InlineData("//evil.example/reports")]
    [InlineData("trades?from=2026-11-01")]
    public void WithoutATrustworthyWayBack_BackOpensTheDaysWeekByDay(string? back) =>
        Assert.Equal("reports?from=2026-11-23&to=2026-11-29&granularity=day&trader=trader_1", ReportLinks.Back(back, "trader_1", Day));

    [Fact]
    public async Task ATrader_SeesTheirOwnDay_WhateverTheLinkAsksFor()
    {
        await using var core = await CoreHost.StartAsync();
        await core.AddTradeAsync("mine", 10_000, 10, "buy", Day, 9, "trader_2");
        await core.AddTradeAsync("theirs", 10_000, 99, "buy", Day, 9, "trader_1");
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("ben", "trader_2");

        var page = context.Open<DayReportPage>("reports/day?trader=trader_1&day=2026-11-26");

        page.WaitForAssertion(() => Assert.Equal("-1,000.00 €", page.Find("#hourly-total").TextContent));
        Assert.Empty(page.FindAll("#day-report-trader"));
    }
}
