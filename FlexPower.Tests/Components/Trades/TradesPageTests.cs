using FlexPower.Core.Common;
using Bunit;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Trades;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace FlexPower.Tests.Components.Trades;

public sealed class TradesPageTests
{
    private static readonly DateOnly Day = new(2026, 11, 27);

    private static async Task<CoreHost> WithTradesAsync()
    {
        var core = await CoreHost.StartAsync(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero)));
        await core.AddTradeAsync("s1", 120_000, 12, "sell", Day, 14, "trader_1"); // sells 14,400.00
        await core.AddTradeAsync("s2", 60_000, 30, "sell", Day, 15, "trader_2"); // sells 18,000.00
        await core.AddTradeAsync("b1", 50_000, 20, "buy", Day, 9, "trader_2");   // buys 10,000.00
        return core;
    }

    [Fact]
    public async Task Manager_SeesTheTraderColumnAndAPickerOfKnownTraderIds()
    {
        await using var core = await WithTradesAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var popovers = context.RenderProviders();

        var page = context.Render<Web.Features.Trades.Trades>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("#trades-grid tbody tr").Count));
        Assert.Contains("Trader", page.Find("#trades-grid thead").TextContent);
        var picker = page.FindComponents<MudSelect<string>>().Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("id"), "filter-trader"));
        await page.InvokeAsync(picker.Instance.OpenMenu);
        popovers.WaitForAssertion(() => Assert.Equal(["trader_1", "trader_2"], popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())));
    }

    [Fact]
    public async Task Trader_SeesNoTraderColumnNorPicker_OnlyTheirOwnTrades()
    {
        await using var core = await WithTradesAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("ben", "trader_2");

        var page = context.Open<Web.Features.Trades.Trades>("trades?trader=trader_1");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#trades-grid tbody tr").Count));
        Assert.DoesNotContain("Trader", page.Find("#trades-grid thead").TextContent);
        Assert.Empty(page.FindAll("#filter-trader"));
        Assert.DoesNotContain("s1", page.Find("#trades-grid tbody").TextContent);
    }

    [Fact]
    public async Task AQuarterHourTrade_ShowsItsPeriodInBerlinTime_ItsProduct_AndItsDecimalQuantity()
    {
        await using var core = await WithTradesAsync();
        await core.Get<TradeService>().AddAsync(new Core.Accounts.Caller("boss", true, null), new RawTrade("q1", "12000", "12.5", "buy", null, null, "trader_1", "2026-11-26T10:00:00Z",
            "2026-11-27T13:15:00Z", "2026-11-27T13:30:00Z", "XBID_Quarter_Hour_Power"), Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Open<Web.Features.Trades.Trades>("trades?id=q1");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#trades-grid tbody tr")));
        var row = page.Find("#trades-grid tbody tr");
        var period = row.QuerySelector(".fp-period")!;
        Assert.Equal("2026-11-27 · 14:15–14:30", period.TextContent.Trim());
        Assert.Equal("2026-11-27 13:15–2026-11-27 13:30 UTC, 15 min", period.GetAttribute("title"));
        Assert.Equal("XBID_Quarter_Hour_Power", row.QuerySelector(".fp-period-product")!.TextContent);
        Assert.Contains(">12.5<", row.InnerHtml);
        Assert.Contains("-375.00 €", row.TextContent); // 12.5 MW for a quarter-hour is 3.125 MWh, at 120.00 EUR/MWh
    }

    [Theory]
    [InlineData(null, "PnL", "+22,400.00 €")]
    [InlineData("sell", "Sell value", "32,400.00 €")]
    [InlineData("buy", "Buy cost", "10,000.00 €")]
    public async Task TheMoneyTile_IsAPnlOnlyWhenBothDirectionsAreIn(string? direction, string title, string value)
    {
        await using var core = await WithTradesAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Open<Web.Features.Trades.Trades>(direction is null ? "trades" : $"trades?direction={direction}");

        page.WaitForAssertion(() =>
        {
            var tile = page.FindAll("#trade-totals .fp-kpi").Last();
            Assert.Equal(title, tile.QuerySelector(".fp-kpi-title")!.TextContent);
            Assert.Equal(value, tile.QuerySelector(".fp-kpi-value")!.TextContent);
        });
        Assert.Equal(direction is null, page.Find("#trade-totals").TextContent.Contains("PnL"));
    }

    [Fact]
    public async Task FromAfterTo_KeepsTheInput_ShowsTheProblem_AndDisablesTheExport_UntilFixed()
    {
        await using var core = await WithTradesAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Open<Web.Features.Trades.Trades>("trades?from=2026-11-27&to=2026-11-27");
        page.WaitForAssertion(() => Assert.Equal("a", page.Find("#export-csv").TagName.ToLowerInvariant()));
        var from = page.FindComponents<MudDatePicker>()[0];

        await page.InvokeAsync(() => from.Instance.DateChanged.InvokeAsync(new DateTime(2026, 12, 5)));

        Assert.True(page.Find("#export-csv").HasAttribute("disabled"));
        Assert.Contains("From (2026-12-05) is after To (2026-11-27).", page.Markup);
        Assert.Equal("2026-12-05", page.Find("input#filter-from").GetAttribute("value"));
        Assert.Equal("2026-11-27", page.Find("input#filter-to").GetAttribute("value"));
        var navigation = context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        Assert.DoesNotContain("2026-12-05", navigation.Uri); // nothing was applied

        // Another filter applied meanwhile keeps the bad dates flagged and the export off.
        var direction = page.FindComponents<MudSelect<TradeDirection?>>().Single();
        await page.InvokeAsync(() => direction.Instance.ValueChanged.InvokeAsync(TradeDirection.Sell));
        page.WaitForAssertion(() => Assert.Contains("direction=sell", navigation.Uri));
        Assert.True(page.Find("#export-csv").HasAttribute("disabled"));

        await page.InvokeAsync(() => from.Instance.DateChanged.InvokeAsync(new DateTime(2026, 11, 20)));

        Assert.False(page.Find("#export-csv").HasAttribute("disabled"));
        Assert.Contains("from=2026-11-20&to=2026-11-27", navigation.Uri);
    }

    [Fact]
    public async Task SortFromTheUrl_OrdersTheGrid_AndTheExportLinkCarriesTheFilter()
    {
        await using var core = await WithTradesAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Open<Web.Features.Trades.Trades>("trades?direction=sell&sort=-price");

        page.WaitForAssertion(() => Assert.Equal(["s1", "s2"], page.FindAll("#trades-grid tbody tr").Select(IdOf)));
        Assert.Equal("trades/export.csv?from=2026-11-27&to=2026-11-27&direction=sell&sort=-price", page.Find("#export-csv").GetAttribute("href"));
    }

    [Fact]
    public async Task SearchByTradeId_FindsItOnAnyDay_InTheTradersOwnScope()
    {
        await using var core = await WithTradesAsync();
        await core.AddTradeAsync("s3", 10_000, 1, "sell", Day.AddDays(-20), 9, "trader_1");
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("tom", "trader_1");

        var page = context.Open<Web.Features.Trades.Trades>("trades");
        page.WaitForAssertion(() => Assert.Equal(["s1"], page.FindAll("#trades-grid tbody tr").Select(IdOf)));
        var search = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "Trade id");
        await page.InvokeAsync(() => search.Instance.ValueChanged.InvokeAsync(" s "));

        var navigation = context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        Assert.EndsWith("/trades?id=s", navigation.Uri); // the days dropped: an id is searched on every day
        var found = context.Open<Web.Features.Trades.Trades>("trades?id=s"); // as the router renders the new address
        found.WaitForAssertion(() => Assert.Equal(["s1", "s3"], found.FindAll("#trades-grid tbody tr").Select(IdOf).Order()));
        Assert.Equal("", found.Find("input#filter-from").GetAttribute("value") ?? "");
        Assert.Equal("trades/export.csv?id=s", found.Find("#export-csv").GetAttribute("href"));
    }

    [Fact]
    public async Task ExecutionTimes_ReadInBerlinTime_WithUtcOnHover()
    {
        await using var core = await WithTradesAsync(); // executed at 00:00 UTC: 01:00 in Berlin in November
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Open<Web.Features.Trades.Trades>("trades?id=s1");

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#trades-grid tbody tr")));
        var executed = page.Find("#trades-grid tbody tr span[title$='UTC']");
        Assert.Equal("2026-11-27 01:00:00", executed.TextContent);
        Assert.Equal("2026-11-27 00:00:00 UTC", executed.GetAttribute("title"));
        Assert.Contains("2026-11-27 · 14:00–15:00", page.Find("#trades-grid tbody tr").TextContent);
    }

    [Theory]
    [InlineData("price", nameof(Core.Trades.Trade.Price), TradeSortColumn.Price, false)]
    [InlineData("-executed", nameof(Core.Trades.Trade.ExecutionTimeUtc), TradeSortColumn.ExecutionTime, true)]
    [InlineData("DAY", nameof(Core.Trades.Trade.DeliveryDay), TradeSortColumn.DeliveryDay, false)]
    public void SortQuery_RoundTrips_AndMatchesTheGridsColumn(string text, string gridProperty, TradeSortColumn column, bool descending)
    {
        var sort = TradeSortQuery.Parse(text);

        Assert.Equal(new TradeSort(column, descending), sort);
        Assert.Equal(text.ToLowerInvariant(), TradeSortQuery.ToParam(sort));
        Assert.Equal(sort, TradeSortQuery.FromGrid(gridProperty, descending));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-nonsense")]
    public void SortQuery_UnknownOrMissing_IsTheDefaultOrder(string? text) => Assert.Null(TradeSortQuery.Parse(text));

    [Fact]
    public void ATradersExport_IsNamedAfterTheirTraderId_NotTheDesk()
    {
        var filter = new TradeFilter(Day, Day, TraderId: "trader_1");

        Assert.Equal("trades_trader_2_20261127-20261127.csv", TradeFilterQuery.FileName(filter, new("ben", false, "trader_2")));
        Assert.Equal("trades_trader_1_20261127-20261127.csv", TradeFilterQuery.FileName(filter, PageTesting.Manager));
        Assert.Equal("trades_desk_start-end.csv", TradeFilterQuery.FileName(new TradeFilter(), PageTesting.Manager));
    }

    [Fact]
    public void CashOfATrade_IsReceivedForASale_PaidForAPurchase()
    {
        Assert.Equal(14_400m, TradeTotalsView.Cash(Trade(TradeDirection.Sell, 120_000, 12)));
        Assert.Equal(-10_000m, TradeTotalsView.Cash(Trade(TradeDirection.Buy, 50_000, 20)));
        Assert.Equal(25m, TradeTotalsView.Cash(Trade(TradeDirection.Buy, -500, 5))); // a purchase at a negative price is paid to the buyer
    }

    [Fact]
    public void CashOfAPeriod_IsThePriceOfTheEnergyDelivered()
    {
        // 12.5 MW for a quarter-hour is 3.125 MWh: at 120.00 EUR/MWh, 375.00 EUR.
        Assert.Equal(375m, TradeTotalsView.Cash(Trade(TradeDirection.Sell, 12_000, 12.5m, minutes: 15)));
        // 0.1 MW over a 3-hour block at 99.99 EUR/MWh: 0.3 MWh, 29.997 EUR, exactly.
        Assert.Equal(-29.997m, TradeTotalsView.Cash(Trade(TradeDirection.Buy, 9_999, 0.1m, minutes: 180)));
    }

    /// <summary>A row's trade id: its last column.</summary>
    private static string IdOf(AngleSharp.Dom.IElement row) => row.Children.Last().TextContent.Trim();

    private static Trade Trade(TradeDirection direction, long price, decimal quantity, int minutes = 60) => new()
    {
        Id = "t", TraderId = "trader_1", DeliveryDay = Day, DeliveryHour = 9, Direction = direction, Price = price, QuantityTenths = (long)(quantity * 10),
        DeliveryStartUtc = BerlinTime.HourStartUtc(Day, 9), DeliveryEndUtc = BerlinTime.HourStartUtc(Day, 9).AddMinutes(minutes), ExecutionTimeUtc = DateTime.UtcNow,
    };
}
