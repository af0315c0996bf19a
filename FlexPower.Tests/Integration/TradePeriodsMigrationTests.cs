using FlexPower.Core;
using FlexPower.Core.Data;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

/// <summary>
/// The TradePeriods migration on a database of the release before it: every stored trade keeps its values and becomes its
/// 60-minute period (the autumn day's hour 2 its first occurrence), its quantity in tenths of MW, without a product.
/// </summary>
public abstract class TradePeriodsMigrationTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;

    public async ValueTask InitializeAsync() => database = await TempDatabase.CreateAsync(provider);

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private string PreviousMigration => provider == DatabaseProvider.Sqlite ? "20261206195233_TokensAuditAcknowledge" : "20261206195248_TokensAuditAcknowledge";

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public async Task EveryStoredTrade_BecomesItsHour_KeepingEveryValue_OnTheClockChangeDaysToo()
    {
        var rows = new (string Id, string Day, int Hour, string Direction, long Price, int Quantity, string Executed, DateTime Start)[]
        {
            ("ordinary", "2025-06-01", 14, "sell", 12_345, 57, "2025-06-01 09:15:30.25", Utc(2025, 6, 1, 12)),
            ("winter", "2025-12-31", 23, "buy", -999_999, 100_000, "2025-12-30 23:59:59", Utc(2025, 12, 31, 22)),
            ("spring_1", "2025-03-30", 1, "buy", 78, 1, "2025-03-29 12:00:00", Utc(2025, 3, 30, 0)),
            ("spring_3", "2025-03-30", 3, "sell", 999_999, 2, "2025-03-29 12:00:01", Utc(2025, 3, 30, 1)),
            ("autumn_1", "2025-10-26", 1, "buy", 5, 3, "2025-10-25 12:00:00", Utc(2025, 10, 25, 23)),
            ("autumn_2", "2025-10-26", 2, "sell", 6, 4, "2025-10-25 12:00:01", Utc(2025, 10, 26, 0)), // the first 02:00, still summer time
            ("autumn_3", "2025-10-26", 3, "buy", 7, 5, "2025-10-25 12:00:02", Utc(2025, 10, 26, 2)),
        };

        await using (var services = Services())
        {
            if (provider == DatabaseProvider.Sqlite) using (var create = new SqliteConnection(database.ConnectionString)) create.Open();
            await using var db = await services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            await db.GetService<IMigrator>().MigrateAsync(PreviousMigration, TestContext.Current.CancellationToken);
            var zone = provider == DatabaseProvider.Sqlite ? "" : "Z";
            var sql = "INSERT INTO trades (id, trader_id, delivery_day, delivery_hour, direction, price, quantity, execution_time_utc) VALUES " + string.Join(", ", rows.Select(r => $"('{r.Id}', 'trader_1', '{r.Day}', {r.Hour}, '{r.Direction}', {r.Price}, {r.Quantity}, '{r.Executed}{zone}')"));
            await db.Database.ExecuteSqlRawAsync(sql, TestContext.Current.CancellationToken);
        }

        await using (var services = Services())
        {
            Assert.Contains(services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContext().Database.GetMigrations().Last(), await services.PrepareDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken));
            await using var db = await services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
            var stored = await db.Trades.AsNoTracking().ToDictionaryAsync(t => t.Id, TestContext.Current.CancellationToken);
            Assert.Equal(rows.Length, stored.Count);
            foreach (var row in rows)
            {
                var trade = stored[row.Id];
                Assert.Equal(
                    ("trader_1", DateOnly.Parse(row.Day), row.Hour, row.Direction, row.Price, row.Quantity * 10L, DateTime.SpecifyKind(DateTime.Parse(row.Executed), DateTimeKind.Utc)),
                    (trade.TraderId, trade.DeliveryDay, trade.DeliveryHour, trade.Direction == TradeDirection.Buy ? "buy" : "sell", trade.Price, trade.QuantityTenths, trade.ExecutionTimeUtc));
                Assert.Equal((row.Start, row.Start.AddHours(1), (string?)null), (trade.DeliveryStartUtc, trade.DeliveryEndUtc, trade.Product));
                Assert.Equal(row.Quantity, trade.Quantity);
            }
            // The API's view of an upgraded trade is the hourly one it always was, plus its period.
            Assert.Equal(new TradeDto("autumn_2", 6, 4, "sell", "2025-10-26", 2, "trader_1", "2025-10-25T12:00:01Z", "2025-10-26T00:00:00Z", "2025-10-26T01:00:00Z", null),
                TradeDto.From(stored["autumn_2"]));
        }
    }

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        return new ServiceCollection().AddLogging().AddFlexPowerCore(configuration, database.Directory).BuildServiceProvider();
    }
}

public sealed class TradePeriodsMigrationTests_Sqlite() : TradePeriodsMigrationTests(DatabaseProvider.Sqlite);

public sealed class TradePeriodsMigrationTests_Postgres() : TradePeriodsMigrationTests(DatabaseProvider.Postgres);
