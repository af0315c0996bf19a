using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;

using FlexPower.Core.Data.TradeWrites;

namespace FlexPower.Tests.Integration;

/// <summary>The provider's trade writer given a group of single requests (what the group commit hands it), on both providers.</summary>
public abstract class TradeWriterTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly Caller Manager = new("boss", true, null);
    private static readonly Caller Trader1 = new("tom", false, "trader_1");
    private static readonly Caller Trader2 = new("tia", false, "trader_2");
    private CoreHost host = default!;

    public async ValueTask InitializeAsync() => host = await CoreHost.StartAsync(provider: provider);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private static Trade TradeOf(string id, long price, int quantity = 5, string trader = "trader_1") => new()
    {
        Id = id, TraderId = trader, DeliveryDay = new DateOnly(2025, 6, 2), DeliveryHour = 9, Direction = TradeDirection.Buy,
        DeliveryStartUtc = new DateTime(2025, 6, 2, 7, 0, 0, DateTimeKind.Utc), DeliveryEndUtc = new DateTime(2025, 6, 2, 8, 0, 0, DateTimeKind.Utc),
        Price = price, QuantityTenths = quantity * 10L, ExecutionTimeUtc = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc),
    };

    [Fact]
    public async Task GroupOfRequests_ARetryIsAlreadyStored_OtherValuesConflict_DescribedAsFarAsTheCallerMaySee()
    {
        var trades = host.Get<TradeService>();
        foreach (var id in new[] { "s_same", "s_diff", "theirs" }) // stored as TradeOf(id, 100)
            await trades.AddAsync(Manager, new RawTrade(id, "100", "5", "buy", "2025-06-02", "9", "trader_1", "2025-06-01T12:00:00Z"), TestContext.Current.CancellationToken);
        var group = new (Trade Trade, Caller Caller)[]
        {
            (TradeOf("n1", 100), Manager),
            (TradeOf("n1", 100), Manager), // the client sent it again
            (TradeOf("n1", 999), Manager),
            (TradeOf("s_same", 100), Trader1),
            (TradeOf("s_diff", 100, quantity: 6), Manager),
            (TradeOf("theirs", 100, trader: "trader_2"), Trader2), // another trader's id: its values stay hidden
            (TradeOf("n2", 200), Manager),
        };
        var seen = new string?[group.Length];
        var outcomes = new RowOutcomes((line, _, reason) => seen[line] = reason, line => seen[line] = "inserted", line => seen[line] = "already stored");

        StoredTrades result;
        await using (var write = await host.Get<ITradeWriter>().BeginAsync(TradeBatch.Requests, outcomes, CancellationToken.None))
        {
            var ids = new byte[CheckedTrade.MaxUtf8Ids];
            for (var line = 0; line < group.Length; line++) write.Store(CheckedTrade.Of(line, [], group[line].Trade, ids), group[line].Caller);
            result = await write.CompleteAsync(CancellationToken.None);
            await write.CommitAsync(CancellationToken.None);
        }

        Assert.Equal((2, 2), (result.Inserted, result.Duplicates));
        Assert.Equal((IEnumerable<string?>)[
            "inserted",
            "already stored",
            "a trade with id 'n1' is already stored with a different price; trade ids are unique, so send the stored values or use a new id",
            "already stored",
            "a trade with id 's_diff' is already stored with a different quantity; trade ids are unique, so send the stored values or use a new id",
            "trade id 'theirs' is already taken: trade ids are unique across the desk, so use a new id",
            "inserted",
        ], seen.AsEnumerable());
        Assert.Equal(5, (await trades.GetTotalsAsync(Manager, new TradeFilter(), TestContext.Current.CancellationToken)).TradeCount);
        Assert.True((await host.Get<AggregateCheck>().CheckAsync(repair: false, cancellationToken: TestContext.Current.CancellationToken)).Consistent);
    }
}

public sealed class TradeWriterTests_Sqlite() : TradeWriterTests(DatabaseProvider.Sqlite);

public sealed class TradeWriterTests_Postgres() : TradeWriterTests(DatabaseProvider.Postgres);
