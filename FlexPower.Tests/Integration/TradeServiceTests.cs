using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>The Core trade service on a real database: paging, sorting, filtering, totals and scoping.</summary>
public abstract class TradeServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly Caller Manager = new("boss", true, null);
    private static readonly Caller Trader1 = new("tom", false, "trader_1");
    private CoreHost host = default!;
    private TradeService trades = default!;

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.StartAsync(provider: provider);
        trades = host.Get<TradeService>();

        // trader_1: buys 10 MW @ 50.00 and sells 4 MW @ 80.00 in hour 9, sells 1 MW @ -10.00 in hour 13; trader_2: one trade.
        await AddAsync("a", "5000", "10", "buy", "2023-02-28", "9", "trader_1");
        await AddAsync("b", "8000", "4", "sell", "2023-02-28", "9", "trader_1");
        await AddAsync("c", "-1000", "1", "sell", "2023-02-28", "13", "trader_1");
        await AddAsync("d", "7000", "3", "buy", "2023-03-01", "9", "trader_2");
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private Task AddAsync(string id, string price, string quantity, string direction, string day, string hour, string trader) =>
        trades.AddAsync(Manager, new RawTrade(id, price, quantity, direction, day, hour, trader, $"{day}T06:00:00Z"));

    [Fact]
    public async Task ConcurrentAdds_AreGroupCommitted_EachAnsweredByItsOwnOutcome()
    {
        RawTrade Trade(string id, string price, string trader = "trader_3") => new(id, price, "2", "buy", "2023-04-03", "10", trader, "2023-04-03T06:00:00Z");
        var distinct = Enumerable.Range(0, 300).Select(i => trades.AddAsync(Manager, Trade($"g{i}", "100"))).ToList();
        var retries = Enumerable.Range(0, 40).Select(_ => trades.AddAsync(Manager, Trade("same", "100"))).ToList();
        var conflicting = Enumerable.Range(0, 5).Select(_ => trades.AddAsync(Manager, Trade("same", "999"))).ToList();

        await Task.WhenAll(distinct);
        Assert.All(distinct, t => Assert.Equal(AddTradeOutcome.Inserted, t.Result.Outcome));
        var retryOutcomes = new List<AddTradeOutcome>();
        var conflicts = 0;
        foreach (var attempt in retries.Concat(conflicting))
        {
            try { retryOutcomes.Add((await attempt).Outcome); }
            catch (ConflictException e) { conflicts++; Assert.Contains("different price", e.Message); }
        }
        // Whichever of "same" committed first is the stored one; every other attempt is a retry of it or a conflict with it.
        Assert.Equal(1, retryOutcomes.Count(o => o == AddTradeOutcome.Inserted));
        Assert.Equal(45, retryOutcomes.Count + conflicts);
        Assert.True(conflicts is 5 or 40, $"{conflicts} conflicts");
        Assert.Equal(301, (await trades.GetTotalsAsync(Manager, new TradeFilter(new DateOnly(2023, 4, 3), new DateOnly(2023, 4, 3)), TestContext.Current.CancellationToken)).TradeCount);
        Assert.True((await host.Get<FlexPower.Core.Reports.AggregateCheck>().CheckAsync(repair: false, cancellationToken: TestContext.Current.CancellationToken)).Consistent);
    }

    [Fact]
    public async Task Totals_OneTraderOneDay_AreExact()
    {
        var totals = await trades.GetTotalsAsync(Manager, new TradeFilter(new DateOnly(2023, 2, 28), new DateOnly(2023, 2, 28), TraderId: "trader_1"), TestContext.Current.CancellationToken);
        // PnL = (4×8000 + 1×(−1000) − 10×5000) / 100 = −190.00 EUR
        Assert.Equal(new TradeTotals(3, 10, 5, -190.00m), totals);
    }

    public static TheoryData<string> FilterShapes() => ["none", "trader", "days", "hour", "direction", "hour+direction", "trader+days+hour", "id"];

    [Theory]
    [MemberData(nameof(FilterShapes))]
    public async Task TotalsAndPageCount_ForEveryFilterShape_EqualASumOverTheRawTrades(string shape)
    {
        var filter = shape switch
        {
            "trader" => new TradeFilter(TraderId: "trader_1"),
            "days" => new TradeFilter(new DateOnly(2023, 3, 1), new DateOnly(2023, 3, 31)),
            "hour" => new TradeFilter(Hour: 9),
            "direction" => new TradeFilter(Direction: TradeDirection.Sell),
            "hour+direction" => new TradeFilter(Hour: 9, Direction: TradeDirection.Buy),
            "trader+days+hour" => new TradeFilter(new DateOnly(2023, 2, 28), new DateOnly(2023, 2, 28), 9, TraderId: "trader_1"),
            "id" => new TradeFilter(IdPrefix: "b"),
            _ => new TradeFilter(),
        };
        var raw = (await trades.Stream(Manager, null, null, TestContext.Current.CancellationToken).ToListAsync(cancellationToken: TestContext.Current.CancellationToken)).Where(t =>
            (filter.TraderId is null || t.TraderId == filter.TraderId) && (filter.Hour is null || t.DeliveryHour == filter.Hour)
            && (filter.From is null || string.CompareOrdinal(t.DeliveryDay, filter.From.Value.ToString("yyyy-MM-dd")) >= 0)
            && (filter.To is null || string.CompareOrdinal(t.DeliveryDay, filter.To.Value.ToString("yyyy-MM-dd")) <= 0)
            && (filter.Direction is null || t.Direction == (filter.Direction == TradeDirection.Buy ? "buy" : "sell"))
            && (filter.IdPrefix is null || t.Id.StartsWith(filter.IdPrefix, StringComparison.Ordinal))).ToList();
        var expected = new TradeTotals(raw.Count, raw.Where(t => t.Direction == "buy").Sum(t => (long)t.Quantity), raw.Where(t => t.Direction == "sell").Sum(t => (long)t.Quantity),
            raw.Sum(t => (t.Direction == "sell" ? 1 : -1) * t.Quantity * t.Price) / 100m);

        Assert.Equal(expected, await trades.GetTotalsAsync(Manager, filter, TestContext.Current.CancellationToken));
        Assert.Equal(raw.Count, (await trades.GetPageAsync(Manager, filter, null, 0, 1, TestContext.Current.CancellationToken)).TotalCount);
    }

    [Fact]
    public async Task Totals_NothingMatches_AreZero() =>
        Assert.Equal(TradeTotals.Empty, await trades.GetTotalsAsync(Manager, new TradeFilter(TraderId: "nobody"), TestContext.Current.CancellationToken));

    [Fact]
    public async Task Page_DefaultOrder_IsNewestDeliveryFirst_AndCountsTheWholeFilteredSet()
    {
        var page = await trades.GetPageAsync(Manager, new TradeFilter(), null, skip: 0, take: 2, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(4, page.TotalCount);
        Assert.Equal(["d", "c"], page.Rows.Select(t => t.Id));
        Assert.Equal(["a", "b"], (await trades.GetPageAsync(Manager, new TradeFilter(), null, 2, 2, TestContext.Current.CancellationToken)).Rows.Select(t => t.Id).Order());
    }

    [Fact]
    public async Task Page_FilteredByHourAndDirection_SortedByPrice()
    {
        var page = await trades.GetPageAsync(Manager, new TradeFilter(Hour: 9, Direction: TradeDirection.Buy), new TradeSort(TradeSortColumn.Price, Descending: true), 0, 10, TestContext.Current.CancellationToken);
        Assert.Equal(["d", "a"], page.Rows.Select(t => t.Id));
    }

    [Fact]
    public async Task Page_AsTrader_SeesOnlyOwnTrades_EvenWhenTheLinkNamesAnotherTrader()
    {
        var page = await trades.GetPageAsync(Trader1, new TradeFilter(), null, 0, 10, TestContext.Current.CancellationToken);
        Assert.All(page.Rows, t => Assert.Equal("trader_1", t.TraderId));
        Assert.Equal(3, page.TotalCount);

        var linked = await trades.GetPageAsync(Trader1, new TradeFilter(TraderId: "trader_2"), null, 0, 10, TestContext.Current.CancellationToken);
        Assert.Equal(page.Rows.Select(t => t.Id), linked.Rows.Select(t => t.Id));
        Assert.Equal(await trades.GetTotalsAsync(Trader1, new TradeFilter(), TestContext.Current.CancellationToken), await trades.GetTotalsAsync(Trader1, new TradeFilter(TraderId: "trader_2"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Page_ByTradeId_FindsTheIdAndThoseStartingWithIt_OnlyWithinTheCallersOwnTrades()
    {
        await AddAsync("dx-1", "100", "1", "buy", "2023-03-02", "9", "trader_1");
        await AddAsync("dx-2", "100", "1", "buy", "2023-03-02", "9", "trader_2");

        Assert.Equal(["d", "dx-1", "dx-2"], (await trades.GetPageAsync(Manager, new TradeFilter(IdPrefix: "d"), new TradeSort(TradeSortColumn.Id, false), 0, 10, TestContext.Current.CancellationToken)).Rows.Select(t => t.Id));
        Assert.Equal(["dx-2"], (await trades.GetPageAsync(Manager, new TradeFilter(IdPrefix: "dx-2"), null, 0, 10, TestContext.Current.CancellationToken)).Rows.Select(t => t.Id));
        Assert.Equal(["dx-1"], (await trades.GetPageAsync(Trader1, new TradeFilter(IdPrefix: "d"), null, 0, 10, TestContext.Current.CancellationToken)).Rows.Select(t => t.Id));
        Assert.Empty((await trades.GetPageAsync(Trader1, new TradeFilter(IdPrefix: "dx-2", TraderId: "trader_2"), null, 0, 10, TestContext.Current.CancellationToken)).Rows);
        Assert.Equal(TradeTotals.Empty, await trades.GetTotalsAsync(Trader1, new TradeFilter(IdPrefix: "dx-2"), TestContext.Current.CancellationToken));
        Assert.Empty((await trades.GetPageAsync(Manager, new TradeFilter(IdPrefix: "%"), null, 0, 10, TestContext.Current.CancellationToken)).Rows); // a wildcard is a character
    }

    [Fact]
    public async Task Export_FollowsTheGridsSort_OrTheDefaultOrderWithoutOne()
    {
        async Task<List<string>> Exported(TradeSort? sort) =>
            await trades.Export(Manager, new TradeFilter(), sort, TestContext.Current.CancellationToken).Select(t => t.Id).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["c", "a", "d", "b"], await Exported(new TradeSort(TradeSortColumn.Price, false)));
        Assert.Equal(["d", "c", "b", "a"], await Exported(new TradeSort(TradeSortColumn.Id, true)));
        Assert.Equal("d", (await Exported(null))[0]);
    }

    [Fact]
    public async Task Stream_AsTrader_AskingForAnotherTrader_IsForbidden()
    {
        await Assert.ThrowsAsync<ForbiddenException>(async () => await trades.Stream(Trader1, "trader_2", null, TestContext.Current.CancellationToken).ToListAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Add_PublishesTheChange_ToSubscribers()
    {
        var seen = new TaskCompletionSource<TradesChanged>();
        using var subscription = host.Get<ChangeNotifier>().Subscribe<TradesChanged>(change => { seen.TrySetResult(change); return Task.CompletedTask; });

        await AddAsync("e", "100", "1", "buy", "2023-03-02", "5", "trader_2");

        var change = await seen.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(["trader_2"], change.TraderIds);
        Assert.True(Manager.CanReadAny(change.TraderIds));
        Assert.False(Trader1.CanReadAny(change.TraderIds));
    }
}

public sealed class TradeServiceTests_Sqlite() : TradeServiceTests(DatabaseProvider.Sqlite);

public sealed class TradeServiceTests_Postgres() : TradeServiceTests(DatabaseProvider.Postgres);
