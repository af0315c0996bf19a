using System.Net.Http.Json;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Stores;
using FlexPower.Core.Reports;
using FlexPower.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

/// <summary>The running app keeps the day-marks cache current after trades and prices arrive, without any report being read.</summary>
public abstract class MarkRefresherTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;

    public async ValueTask InitializeAsync() => database = await TempDatabase.CreateAsync(provider);

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task TradeAndPricePosted_TheLeaderCachesTheDaysMarks()
    {
        await using var app = new FlexPowerFactory(database);
        using var api = app.CreateApiClient();
        var day = new DateOnly(2023, 2, 28);
        (await api.PostAsJsonAsync("/v1/trades", new { id = "m1", price = 78, quantity = 57, direction = "buy", delivery_day = "2023-02-28", delivery_hour = 9, trader_id = "trader_2", execution_time = "2023-02-28T07:00:00Z" }, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await WaitUntilCachedAsync(app, day, expectedMarkMillicents: 0);

        using var prices = new StringContent("delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,100.00\n", System.Text.Encoding.UTF8, "text/csv");
        (await api.PostAsync("/v1/prices/import?series=day-ahead&file_name=p.csv", prices, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await WaitUntilCachedAsync(app, day, expectedMarkMillicents: 57 * 10_000_000L);
    }

    [Fact]
    public async Task SingleTradesPosted_TheirDaysAreMarkedInTheSameCommit()
    {
        await using var app = new FlexPowerFactory(database);
        using var api = app.CreateApiClient();
        var day = new DateOnly(2023, 3, 1);
        using var prices = new StringContent("delivery_day,delivery_hour,price_eur_mwh\n2023-03-01,9,100.00\n", System.Text.Encoding.UTF8, "text/csv");
        (await api.PostAsync("/v1/prices/import?series=day-ahead&file_name=p.csv", prices, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/v1/trades", new { id = "w1", price = 78, quantity = 57, direction = "buy", delivery_day = "2023-03-01", delivery_hour = 9, trader_id = "trader_2", execution_time = "2023-02-28T07:00:00Z" }, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await WaitUntilCachedAsync(app, day, expectedMarkMillicents: 57 * 10_000_000L);

        // The leader's refresher waits a second for more changes; the answer to a single trade comes long before.
        (await api.PostAsJsonAsync("/v1/trades", new { id = "w2", price = 80, quantity = 7, direction = "sell", delivery_day = "2023-03-01", delivery_hour = 9, trader_id = "trader_2", execution_time = "2023-02-28T07:01:00Z" }, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/v1/trades", new { id = "w3", price = 80, quantity = 5, direction = "buy", delivery_day = "2023-03-01", delivery_hour = 10, trader_id = "trader_2", execution_time = "2023-02-28T07:02:00Z" }, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await DayMarkStore.StaleDaysAsync(db, "day-ahead", day, day, CancellationToken.None));
        var mark = await db.Set<DayMark>().AsNoTracking().SingleAsync(m => m.Series == "day-ahead" && m.TraderId == "trader_2" && m.DeliveryDay == day, TestContext.Current.CancellationToken);
        Assert.Equal(((57 - 7) * 10_000_000L, 1, 1, 3), (mark.MarkMillicents, mark.PricedHours, mark.UnpricedHours, mark.TradeCount));
    }

    private static Task WaitUntilCachedAsync(FlexPowerFactory app, DateOnly day, long expectedMarkMillicents) => Wait.UntilAsync(async () =>
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync();
        var stale = await DayMarkStore.StaleDaysAsync(db, "day-ahead", day, day, CancellationToken.None);
        var mark = await db.Set<DayMark>().Where(m => m.Series == "day-ahead" && m.TraderId == "trader_2" && m.DeliveryDay == day).Select(m => (long?)m.MarkMillicents).SingleOrDefaultAsync();
        return stale.Count == 0 && mark == expectedMarkMillicents;
    }, $"trader_2's day is cached with a mark of {expectedMarkMillicents} millicents", TimeSpan.FromSeconds(15));
}

public sealed class MarkRefresherTests_Sqlite() : MarkRefresherTests(DatabaseProvider.Sqlite);

public sealed class MarkRefresherTests_Postgres() : MarkRefresherTests(DatabaseProvider.Postgres);
