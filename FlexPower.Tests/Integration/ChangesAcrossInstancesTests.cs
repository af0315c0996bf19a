using System.Net.Http.Json;
using FlexPower.Core.Alerts;
using FlexPower.Core.Alerts.Delivery;
using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Import;
using FlexPower.Core.Limits;
using FlexPower.Core.Prices;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

/// <summary>
/// Every kind of change a page or background service listens to, made through instance A, reaches instance B on the same
/// PostgreSQL database: trades, imports, prices, limits, and alerts of both kinds (limit breaches and missing files).
/// </summary>
public sealed class ChangesAcrossInstancesTests : IAsyncLifetime
{
    private TempDatabase database = default!;
    private readonly List<Change> heardOnB = [];

    public async ValueTask InitializeAsync() => database = await TempDatabase.CreateAsync(DatabaseProvider.Postgres);

    public ValueTask DisposeAsync() => database.DisposeAsync();

    /// <summary>A, then B; B records every change it hears, and listens before this returns. A leads: it started first.</summary>
    private async Task<(FlexPowerFactory A, FlexPowerFactory B)> StartAsync()
    {
        var a = new FlexPowerFactory(database);
        await Wait.UntilAsync(() => a.Services.GetRequiredService<LeaderElection>().IsLeader, "A leads");
        var b = new FlexPowerFactory(database);
        b.Services.GetRequiredService<ChangeNotifier>().Subscribe<Change>(change =>
        {
            lock (heardOnB) heardOnB.Add(change);
            return Task.CompletedTask;
        });
        // B's listener connects in the background: announce something harmless until B hears it.
        var notifierA = a.Services.GetRequiredService<ChangeNotifier>();
        await Wait.UntilAsync(() =>
        {
            notifierA.Publish(new AlertDeliveriesChanged());
            return Heard<AlertDeliveriesChanged>(_ => true);
        }, "B listens");
        return (a, b);
    }

    private bool Heard<T>(Func<T, bool> match) where T : Change
    {
        lock (heardOnB) return heardOnB.OfType<T>().Any(match);
    }

    private static object Trade(string id, string trader, int quantity = 1) => new
    {
        id, price = 100, quantity, direction = "buy", delivery_day = "2023-02-28", delivery_hour = 9, trader_id = trader, execution_time = "2023-02-28T07:00:00Z",
    };

    private static StringContent Csv(string text) => new(text) { Headers = { ContentType = new("text/csv") } };

    [Fact]
    public async Task TradesStoredOnA_AreHeardOnB()
    {
        var (a, b) = await StartAsync();
        await using (a)
        await using (b)
        {
            (await a.CreateApiClient().PostAsJsonAsync("/v1/trades", Trade("cross-trade", "trader_7"), cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

            await Wait.UntilAsync(() => Heard<TradesChanged>(t => t.TraderIds.Contains("trader_7") && t.DeliveryDays.Contains(new DateOnly(2023, 2, 28))),
                "B hears of trader_7's trade");
        }
    }

    [Fact]
    public async Task ImportRecordedOnA_IsHeardOnB()
    {
        var (a, b) = await StartAsync();
        await using (a)
        await using (b)
        {
            var csv = Csv("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\nx1,100,1,buy,2023-02-28,9,trader_1,2023-02-28T07:00:00Z\n");
            (await a.CreateApiClient().PostAsync("/v1/trades/import?file_name=cross.csv", csv, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

            await Wait.UntilAsync(() => Heard<ImportRecorded>(i => i.FileName == "cross.csv" && i.Status == ImportStatus.Imported), "B hears of the import");
        }
    }

    [Fact]
    public async Task PricesImportedOnTheOtherInstance_ReachTheLeadersDayMarks()
    {
        var (a, b) = await StartAsync();
        await using (a)
        await using (b)
        {
            var day = new DateOnly(2023, 2, 28);
            (await a.CreateApiClient().PostAsJsonAsync("/v1/trades", Trade("cross-mark", "trader_7", quantity: 3), cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
            await Wait.UntilAsync(() => MarkAsync(a, day, m => m is { PriceRows: 0 }), "the leader A caches the day's marks, without prices");

            // Imported through B, which does not lead: only A's refresher updates the cache.
            (await b.CreateApiClient().PostAsync("/v1/prices/import?series=day-ahead&file_name=p.csv", Csv("delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,50.00\n"), TestContext.Current.CancellationToken))
                .EnsureSuccessStatusCode();

            await Wait.UntilAsync(() => MarkAsync(a, day, m => m is { PriceRows: 1, MarkMillicents: 15_000_000 }), "A re-marks the day at B's price (3 MW × 50.00 €)");
        }
    }

    private static async Task<bool> MarkAsync(FlexPowerFactory instance, DateOnly day, Func<Core.Reports.DayMark?, bool> match)
    {
        await using var db = await instance.Services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync();
        return match(await db.DayMarks.AsNoTracking().SingleOrDefaultAsync(m => m.Series == "day-ahead" && m.TraderId == "trader_7" && m.DeliveryDay == day));
    }

    [Fact]
    public async Task PricesImportedOnA_AreHeardOnB()
    {
        var (a, b) = await StartAsync();
        await using (a)
        await using (b)
        {
            (await a.CreateApiClient().PostAsync("/v1/prices/import?series=id3&file_name=p.csv", Csv("delivery_day,delivery_hour,price_eur_mwh\n2025-10-26,2,79.45\n"), TestContext.Current.CancellationToken))
                .EnsureSuccessStatusCode();

            await Wait.UntilAsync(() => Heard<PricesChanged>(p => p.Series == "id3" && p.Covers(new DateOnly(2025, 10, 26))), "B hears of the prices");
        }
    }

    [Fact]
    public async Task LimitsSetOnA_AreHeardOnB()
    {
        var (a, b) = await StartAsync();
        await using (a)
        await using (b)
        {
            (await a.CreateApiClient().PutAsJsonAsync("/v1/limits/trader_7", new { max_open_mw = 10 }, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

            await Wait.UntilAsync(() => Heard<LimitsChanged>(l => l.TraderId == "trader_7"), "B hears of trader_7's limits");
        }
    }

    [Fact]
    public async Task LimitAlertRaisedOnA_IsHeardOnB()
    {
        var (a, b) = await StartAsync();
        await using (a)
        await using (b)
        {
            // Raised by A's writer alone: B's own monitors have nothing to check, so B can only have heard it from A.
            var wanted = new WantedAlert(AlertKinds.OpenPositionLimit, LimitRules.HourSubject("trader_7", new DateOnly(2023, 2, 28), 9), "trader_7 is long 11 MW.");
            await a.Services.GetRequiredService<AlertWriter>().SyncAsync([AlertKinds.OpenPositionLimit], _ => true, [wanted], _ => "Back inside the limit.", cancellationToken: TestContext.Current.CancellationToken);

            await Wait.UntilAsync(() => Heard<AlertsChanged>(c => c.Raised == 1), "B hears of the breach");
        }
    }

    [Fact]
    public async Task MissingFileImportedThroughB_IsClearedByTheLeaderA_AndLeavesBsList()
    {
        var (a, b) = await StartAsync();
        await using (a)
        await using (b)
        {
            var onA = a.Services.GetRequiredService<MissingFileMonitor>();
            var onB = b.Services.GetRequiredService<MissingFileMonitor>();
            // The last days' files are always missing on a new database (two at least, whatever the time of day).
            await Wait.UntilAsync(() => onA.Current.Count >= 2 && onB.Current.Count == onA.Current.Count, "both instances show the leader's missing files");
            var oldest = onB.Current.MinBy(f => f.TradeDay)!;
            var before = onB.Current.Count;

            var csv = Csv("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\nm1,100,1,buy,2023-02-28,9,trader_1,2023-02-28T07:00:00Z\n");
            (await b.CreateApiClient().PostAsync($"/v1/trades/import?file_name={oldest.FileName}", csv, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

            // B's import reaches the leader, whose check clears the alert, which reaches B's list and its pages.
            await Wait.UntilAsync(() => onB.Current.Count == before - 1 && onB.Current.All(f => f.FileName != oldest.FileName), $"B no longer lists {oldest.FileName}");
            Assert.True(Heard<AlertsChanged>(c => c.Cleared == 1));
        }
    }
}
