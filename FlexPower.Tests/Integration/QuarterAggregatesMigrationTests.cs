using System.Globalization;
using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

/// <summary>
/// The QuarterAggregates migration on a database of the release before it (migrated to TokensAuditAcknowledge, rows
/// written with SQL): every stored hour becomes its four quarter-hours on the right side of both clock changes, the daily
/// sums move to kWh and millicents, the cached marks go, and the result is what the trades themselves sum to.
/// </summary>
public abstract class QuarterAggregatesMigrationTests(DatabaseProvider provider) : IAsyncLifetime
{
    private UpgradedDatabase database = default!;
    private ServiceProvider services = default!;

    public async ValueTask InitializeAsync() => services = (database = await UpgradedDatabase.CreateAsync(provider)).Services;

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private string PreviousMigration => provider == DatabaseProvider.Sqlite ? "20261206195233_TokensAuditAcknowledge" : "20261206195248_TokensAuditAcknowledge";

    // (day, hour, direction, MW, eurocent/MWh): hourly trades on both clock-change days and an ordinary one.
    private static readonly (string Day, int Hour, string Direction, int Mw, long Price)[] Trades =
    [
        ("2025-03-30", 1, "buy", 10, 7000), ("2025-03-30", 3, "sell", 4, 9050), ("2025-03-30", 23, "buy", 7, -1234),
        ("2025-10-26", 2, "buy", 10, 7000), ("2025-10-26", 2, "sell", 4, 9000), ("2025-10-26", 3, "sell", 3, 8333), ("2025-10-26", 23, "buy", 1, 1),
        ("2025-06-15", 0, "sell", 12, 4567), ("2025-06-15", 23, "buy", 5, 4000),
    ];

    [Fact]
    public async Task EveryHourBecomesItsFourQuarters_DaysMoveToKwhAndMillicents_AndTheAggregatesEqualTheTrades()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await database.UpgradeAsync(PreviousMigration, PreviousReleaseRows(), cancellationToken);

        await using var after = await services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(cancellationToken);
        var quarters = await after.TradeQuarters.AsNoTracking().OrderBy(q => q.DeliveryDay).ThenBy(q => q.Quarter).ToListAsync(cancellationToken);
        Assert.Equal(4 * 8, quarters.Count); // 8 traded hours (the autumn hour 2 holds two trades)
        string Row(TradeQuarter q) => FormattableString.Invariant($"{q.DeliveryDay:yyyy-MM-dd} {q.Quarter} h{q.DeliveryHour} n{q.TradeCount} {q.BuyKwh}/{q.SellKwh} {q.BuyMillicents}/{q.SellMillicents}");
        Assert.Equal(
        [
            // Spring: hour 1 is quarters 4–7; hour 3 follows the skipped hour 2 at quarter 8; hour 23 is 88–91 of 92.
            "2025-03-30 4 h1 n1 2500/0 17500000/0", "2025-03-30 5 h1 n0 2500/0 17500000/0", "2025-03-30 6 h1 n0 2500/0 17500000/0", "2025-03-30 7 h1 n0 2500/0 17500000/0",
            "2025-03-30 8 h3 n1 0/1000 0/9050000", "2025-03-30 9 h3 n0 0/1000 0/9050000", "2025-03-30 10 h3 n0 0/1000 0/9050000", "2025-03-30 11 h3 n0 0/1000 0/9050000",
            "2025-03-30 88 h23 n1 1750/0 -2159500/0", "2025-03-30 89 h23 n0 1750/0 -2159500/0", "2025-03-30 90 h23 n0 1750/0 -2159500/0", "2025-03-30 91 h23 n0 1750/0 -2159500/0",
            "2025-06-15 0 h0 n1 0/3000 0/13701000", "2025-06-15 1 h0 n0 0/3000 0/13701000", "2025-06-15 2 h0 n0 0/3000 0/13701000", "2025-06-15 3 h0 n0 0/3000 0/13701000",
            "2025-06-15 92 h23 n1 1250/0 5000000/0", "2025-06-15 93 h23 n0 1250/0 5000000/0", "2025-06-15 94 h23 n0 1250/0 5000000/0", "2025-06-15 95 h23 n0 1250/0 5000000/0",
            // Autumn: the stored hour 2 is the first 02:00 (quarters 8–11); hour 3 comes after the repeated one (12–15), at 16; hour 23 is 96–99 of 100.
            "2025-10-26 8 h2 n2 2500/1000 17500000/9000000", "2025-10-26 9 h2 n0 2500/1000 17500000/9000000", "2025-10-26 10 h2 n0 2500/1000 17500000/9000000", "2025-10-26 11 h2 n0 2500/1000 17500000/9000000",
            "2025-10-26 16 h3 n1 0/750 0/6249750", "2025-10-26 17 h3 n0 0/750 0/6249750", "2025-10-26 18 h3 n0 0/750 0/6249750", "2025-10-26 19 h3 n0 0/750 0/6249750",
            "2025-10-26 96 h23 n1 250/0 250/0", "2025-10-26 97 h23 n0 250/0 250/0", "2025-10-26 98 h23 n0 250/0 250/0", "2025-10-26 99 h23 n0 250/0 250/0",
        ], quarters.Select(Row));

        var days = await after.TradeDays.AsNoTracking().OrderBy(d => d.DeliveryDay).ToListAsync(cancellationToken);
        Assert.Equal(
            [(new DateOnly(2025, 3, 30), 3, 17_000L, 4_000L, 61_362_000L, 36_200_000L), (new DateOnly(2025, 6, 15), 2, 5_000L, 12_000L, 20_000_000L, 54_804_000L),
             (new DateOnly(2025, 10, 26), 4, 11_000L, 7_000L, 70_001_000L, 60_999_000L)],
            days.Select(d => (d.DeliveryDay, d.TradeCount, d.BuyKwh, d.SellKwh, d.BuyMillicents, d.SellMillicents)));
        Assert.Empty(await after.DayMarks.AsNoTracking().ToListAsync(cancellationToken));
        Assert.True((await services.GetRequiredService<AggregateCheck>().CheckAsync(repair: false, cancellationToken)).Consistent, "the migrated aggregates are what the trades sum to");

        // And the reports read them as before: the spring day's hour 3, the autumn day's two 02:00 hours.
        var manager = new Caller("admin", true, null);
        var spring = await services.GetRequiredService<ReportService>().DayAsync(manager, "trader_a", new DateOnly(2025, 3, 30), cancellationToken: cancellationToken);
        Assert.Equal((3, 362.00m, -4m), (spring.Hours[2].Hour, spring.Hours[2].PnlEur, spring.Hours[2].NetMw));
        var autumn = await services.GetRequiredService<ReportService>().DayAsync(manager, "trader_a", new DateOnly(2025, 10, 26), cancellationToken: cancellationToken);
        Assert.Equal((-340m, 6m, 0m), (autumn.Hours[2].PnlEur, autumn.Hours[2].NetMw, autumn.Hours[3].NetMw));
        Assert.Equal((4, -90.02m), (autumn.Total.TradeCount, autumn.Total.PnlEur));
    }

    [Fact]
    public async Task AfterTheUpgrade_AnHourlyTradeInAnHourStoredPerQuarter_AddsARowOfTheHour_AndReportsAndTheCheckCountBoth()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await database.UpgradeAsync(PreviousMigration, PreviousReleaseRows(), cancellationToken);
        var manager = new Caller("admin", true, null);

        // 2025-06-15 hour 0 holds the upgraded release's four quarter rows (sold 12 MW at 45.67); bought 2 MW at 50.00 now.
        await services.GetRequiredService<TradeService>().AddAsync(manager, new RawTrade("n1", "5000", "2", "buy", "2025-06-15", "0", "trader_a", "2025-06-14T12:00:00Z"), cancellationToken);

        await using var after = await services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(cancellationToken);
        var rows = await after.TradeQuarters.AsNoTracking().Where(q => q.DeliveryDay == new DateOnly(2025, 6, 15) && q.DeliveryHour == 0)
            .OrderBy(q => q.Quarter).ThenBy(q => q.Quarters).Select(q => new { q.Quarter, q.Quarters, q.BuyKwh, q.SellKwh }).ToListAsync(cancellationToken);
        Assert.Equal([(0, 1, 0L, 3_000L), (0, 4, 2_000L, 0L), (1, 1, 0L, 3_000L), (2, 1, 0L, 3_000L), (3, 1, 0L, 3_000L)], rows.Select(r => (r.Quarter, r.Quarters, r.BuyKwh, r.SellKwh)));
        var day = await services.GetRequiredService<ReportService>().DayAsync(manager, "trader_a", new DateOnly(2025, 6, 15), cancellationToken: cancellationToken);
        Assert.Equal((2, 2m, 12m, -10m, 448.04m), (day.Hours[0].TradeCount, day.Hours[0].BuyMw, day.Hours[0].SellMw, day.Hours[0].NetMw, day.Hours[0].PnlEur));
        var quarters = await services.GetRequiredService<ReportService>().DayAsync(manager, "trader_a", new DateOnly(2025, 6, 15), cancellationToken: cancellationToken, resolution: Resolution.PT15M);
        Assert.All(quarters.Hours.Take(4), q => Assert.Equal(-10m, q.NetMw));
        Assert.True((await services.GetRequiredService<AggregateCheck>().CheckAsync(repair: false, cancellationToken)).Consistent, "rows of both forms are what the trades sum to");
    }

    /// <summary>Trades, their hourly and daily sums as the previous release wrote them (whole MW, eurocent), and a cached mark.</summary>
    private string PreviousReleaseRows()
    {
        var executed = provider == DatabaseProvider.Sqlite ? "2025-01-01 12:00:00" : "2025-01-01 12:00:00+00";
        var trades = Trades.Select((t, i) => FormattableString.Invariant($"('m{i}', 'trader_a', '{t.Day}', {t.Hour}, '{t.Direction}', {t.Price}, {t.Mw}, '{executed}')"));
        var hours = Trades.GroupBy(t => (t.Day, t.Hour)).Select(g => FormattableString.Invariant(
            $"('trader_a', '{g.Key.Day}', {g.Key.Hour}, {g.Count()}, {Sum(g, "buy", false)}, {Sum(g, "sell", false)}, {Sum(g, "buy", true)}, {Sum(g, "sell", true)})"));
        var days = Trades.GroupBy(t => t.Day).Select(g => FormattableString.Invariant(
            $"('trader_a', '{g.Key}', {g.Count()}, {Sum(g, "buy", false)}, {Sum(g, "sell", false)}, {Sum(g, "buy", true)}, {Sum(g, "sell", true)})"));
        return $"""
            INSERT INTO trades (id, trader_id, delivery_day, delivery_hour, direction, price, quantity, execution_time_utc) VALUES {string.Join(", ", trades)};
            INSERT INTO trade_hours (trader_id, delivery_day, delivery_hour, trade_count, buy_mw, sell_mw, buy_cents, sell_cents) VALUES {string.Join(", ", hours)};
            INSERT INTO trade_days (trader_id, delivery_day, trade_count, buy_mw, sell_mw, buy_cents, sell_cents) VALUES {string.Join(", ", days)};
            INSERT INTO trade_day_marks (series, trader_id, delivery_day, trade_count, buy_mw, sell_mw, price_rows, price_import_id, mark_cents, priced_hours, unpriced_hours)
                VALUES ('day-ahead', 'trader_a', '2025-06-15', 2, 5, 12, 1, 1, 12345, 1, 1);
            """;
    }

    private static long Sum(IEnumerable<(string Day, int Hour, string Direction, int Mw, long Price)> trades, string direction, bool cents) =>
        trades.Where(t => t.Direction == direction).Sum(t => cents ? t.Mw * t.Price : t.Mw);
}

public sealed class SqliteQuarterAggregatesMigrationTests() : QuarterAggregatesMigrationTests(DatabaseProvider.Sqlite);

public sealed class PostgresQuarterAggregatesMigrationTests() : QuarterAggregatesMigrationTests(DatabaseProvider.Postgres);
