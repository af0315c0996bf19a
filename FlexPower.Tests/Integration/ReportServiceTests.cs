using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Import;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

public abstract class ReportServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly Caller Manager = new("boss", true, null);
    private CoreHost host = default!;
    private ReportService reports = default!;
    private TradeService trades = default!;

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.StartAsync(provider: provider);
        reports = host.Get<ReportService>();
        trades = host.Get<TradeService>();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private Task AddAsync(string id, long price, int quantity, string direction, string day, int hour, string trader = "trader_1") =>
        trades.AddAsync(Manager, new RawTrade(id, price.ToString(), quantity.ToString(), direction, day, hour.ToString(), trader, $"{day}T00:00:00Z"));

    [Fact]
    public async Task DayReport_SampleFile_MatchesTheDeskNumbers()
    {
        await host.Get<ImportService>().ImportFileAsync(Reference.File("trades", "epex_trades_20230220.csv"), new ImportRequest("sample.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);

        var report = await reports.DayAsync(Manager, "trader_2", new DateOnly(2023, 2, 28), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(24, report.Hours.Count);
        Assert.Equal(Hourly(9, 1, 57, 0, -44.46m, 57, 0, 0.78m, null, null, null), Hourly(report.Hours[9]));
        Assert.Equal(Hourly(20, 1, 0, 18, 6.12m, -18, 0, null, 0.34m, null, null), Hourly(report.Hours[20]));
        Assert.All(report.Hours.Where(h => h.Hour is not (9 or 20)), h => Assert.Equal(Hourly(h.Hour, 0, 0, 0, 0m, 0, 0, null, null, null, null), Hourly(h)));
        Assert.Equal(("09:00–10:00", new DateTime(2023, 2, 28, 8, 0, 0, DateTimeKind.Utc), 57m, 0m, 57m),
            (report.Hours[9].Label, report.Hours[9].Start, report.Hours[9].BuyMwh, report.Hours[9].SellMwh, report.Hours[9].NetMwh));
        Assert.Equal(new DayTotal(2, 57, 18, -38.34m, 39, 0, 0.78m, 0.34m, null, 2), report.Total);
    }

    [Fact]
    public async Task DayReport_SpringClockChange_Has23HoursWithoutHour2()
    {
        var report = await reports.DayAsync(Manager, "trader_1", new DateOnly(2026, 3, 29), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(23, report.Hours.Count);
        Assert.DoesNotContain(report.Hours, h => h.Hour == 2);
    }

    [Fact]
    public async Task DayReport_AutumnClockChange_Has25Hours_Hour2Twice_TheLegacyHour2BeingTheFirst()
    {
        await AddAsync("a", 1000, 2, "sell", "2026-10-25", 2);
        var report = await reports.DayAsync(Manager, "trader_1", new DateOnly(2026, 10, 25), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([0, 1, 2, 2, .. Enumerable.Range(3, 21)], report.Hours.Select(h => h.Hour));
        Assert.Equal((20.00m, "02:00–03:00"), (report.Hours[2].PnlEur, report.Hours[2].Label));
        Assert.Equal((0m, "02:00–03:00 (2)"), (report.Hours[3].PnlEur, report.Hours[3].Label));
    }

    [Fact]
    public async Task NegativePrices_TurnSignsAround()
    {
        await AddAsync("neg-buy", -5000, 10, "buy", "2026-05-10", 13);   // paid −50 €/MWh: earns 500 €
        await AddAsync("neg-sell", -1000, 4, "sell", "2026-05-10", 13);  // sold at −10 €/MWh: costs 40 €
        var hour = (await reports.DayAsync(Manager, "trader_1", new DateOnly(2026, 5, 10), cancellationToken: TestContext.Current.CancellationToken)).Hours.Single(h => h.Hour == 13);
        Assert.Equal(Hourly(13, 2, 10, 4, 460.00m, 6, 4, -50.00m, -10.00m, null, null), Hourly(hour));
    }

    [Fact]
    public async Task TraderWithoutTrades_GetsAllZeros_NotAnError()
    {
        var report = await reports.DayAsync(Manager, "nobody", new DateOnly(2026, 5, 10), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(24, report.Hours.Count);
        Assert.Equal(new DayTotal(0, 0, 0, 0m, 0, 0, null, null, 0m, 0), report.Total);
        var range = await reports.RangeAsync(Manager, "nobody", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31), Granularity.Week, cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(range.Periods, p => Assert.Equal(0m, p.PnlEur));
    }

    [Fact]
    public async Task Range_WeekAndMonthBoundaries_FallOnMondaysAndFirsts()
    {
        await AddAsync("sun", 1000, 1, "sell", "2026-05-31", 10);  // Sunday, last day of May
        await AddAsync("mon", 2000, 1, "sell", "2026-06-01", 10);  // Monday, first of June
        var weeks = await reports.RangeAsync(Manager, "trader_1", new DateOnly(2026, 5, 27), new DateOnly(2026, 6, 2), Granularity.Week, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([(new DateOnly(2026, 5, 25), 10.00m, 10.00m), (new DateOnly(2026, 6, 1), 20.00m, 30.00m)],
            weeks.Periods.Select(p => (p.Start, p.PnlEur, p.CumulativePnlEur)));

        var months = await reports.RangeAsync(Manager, "trader_1", new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 30), Granularity.Month, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([(new DateOnly(2026, 5, 1), 10.00m), (new DateOnly(2026, 6, 1), 20.00m)], months.Periods.Select(p => (p.Start, p.PnlEur)));
        Assert.Equal(30.00m, months.Total.PnlEur);

        var days = await reports.RangeAsync(Manager, null, new DateOnly(2026, 5, 30), new DateOnly(2026, 6, 1), Granularity.Day, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([0m, 10.00m, 20.00m], days.Periods.Select(p => p.PnlEur));
    }

    [Fact]
    public async Task TraderSummary_SortsByPnl_WithBestAndWorstDay()
    {
        await AddAsync("t1-a", 1000, 1, "sell", "2026-06-01", 10);
        await AddAsync("t1-b", 1000, 3, "buy", "2026-06-02", 10);
        await AddAsync("t2-a", 5000, 1, "sell", "2026-06-01", 10, "trader_2");

        var summary = await reports.TradersAsync(Manager, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["trader_2", "trader_1"], summary.Traders.Select(t => t.TraderId));
        var t1 = summary.Traders[1];
        Assert.Equal((2, 3L, 1L, -20.00m), (t1.TradeCount, t1.BuyMw, t1.SellMw, t1.PnlEur));
        Assert.Equal(new DayPnl(new DateOnly(2026, 6, 1), 10.00m), t1.BestDay);
        Assert.Equal(new DayPnl(new DateOnly(2026, 6, 2), -30.00m), t1.WorstDay);
    }

    [Fact]
    public async Task Trader_AskingForAnotherTrader_IsForbidden()
    {
        var tom = new Caller("tom", false, "trader_1");
        await Assert.ThrowsAsync<ForbiddenException>(() => reports.DayAsync(tom, "trader_2", new DateOnly(2026, 6, 1), cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ForbiddenException>(() => reports.TradersAsync(tom, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 2), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("trader_1", (await reports.RangeAsync(tom, null, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 2), Granularity.Day, cancellationToken: TestContext.Current.CancellationToken)).TraderId);
    }

    [Fact]
    public async Task Aggregates_EqualTheRawTrades_AfterRandomInsertsRepeatsAndImports()
    {
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            var day = new DateOnly(2026, 3, 27).AddDays(random.Next(0, 4)); // around the spring clock change
            var hour = BerlinTime.HoursOf(day)[random.Next(BerlinTime.HoursOf(day).Count)];
            var id = $"r{random.Next(0, 250)}"; // some ids repeat: identical repeats and conflicts must not count twice
            try { await AddAsync(id, random.Next(-20_000, 50_000), random.Next(1, 60), random.Next(2) == 0 ? "buy" : "sell", day.ToString("yyyy-MM-dd"), hour, $"trader_{random.Next(1, 4)}"); }
            catch (ConflictException) { }
        }
        var csv = Path.Combine(host.Database.Directory, "random.csv");
        await File.WriteAllLinesAsync(csv, new[] { "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time" }
            .Concat(Enumerable.Range(0, 2000).Select(i => $"f{random.Next(0, 1800)},{random.Next(-9000, 30000)},{random.Next(1, 40)},{(random.Next(2) == 0 ? "buy" : "sell")},2026-03-{random.Next(27, 31)},{random.Next(0, 24)},trader_{random.Next(1, 4)},2026-03-01T00:00:00Z")), TestContext.Current.CancellationToken);
        await host.Get<ImportService>().ImportFileAsync(csv, new ImportRequest("random.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);
        await host.Get<ImportService>().ImportFileAsync(csv, new ImportRequest("random.csv", ImportSource.Upload, Manager, Force: true), cancellationToken: TestContext.Current.CancellationToken);

        var check = await host.Get<AggregateCheck>().CheckAsync(repair: false, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(check.Consistent, $"{check.DifferingQuarters} quarter rows and {check.DifferingDays} day rows differ");
        var totals = await trades.GetTotalsAsync(Manager, new TradeFilter(), TestContext.Current.CancellationToken);
        var fromAggregates = await reports.RangeAsync(Manager, null, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Granularity.Month, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((totals.TradeCount, totals.BuyMw, totals.SellMw, totals.PnlEur), (fromAggregates.Total.TradeCount, fromAggregates.Total.BuyMw, fromAggregates.Total.SellMw, fromAggregates.Total.PnlEur));
    }

    [Fact]
    public async Task AggregateCheck_FindsAndRepairsADisagreement()
    {
        await AddAsync("x", 1000, 1, "sell", "2026-06-01", 10);
        await using (var db = await host.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database, "UPDATE trade_quarters SET sell_millicents = sell_millicents + 1 WHERE quarter = 40; UPDATE trade_days SET sell_kwh = sell_kwh + 1", TestContext.Current.CancellationToken);
        var check = host.Get<AggregateCheck>();

        Assert.Equal((1, 1, false), ((await check.CheckAsync(repair: false, cancellationToken: TestContext.Current.CancellationToken)).DifferingQuarters, (await check.CheckAsync(repair: false, cancellationToken: TestContext.Current.CancellationToken)).DifferingDays, false));
        Assert.True((await check.CheckAsync(repair: true, cancellationToken: TestContext.Current.CancellationToken)).Repaired);
        Assert.True((await check.CheckAsync(repair: false, cancellationToken: TestContext.Current.CancellationToken)).Consistent);
        Assert.Equal(10.00m, (await reports.DayAsync(Manager, "trader_1", new DateOnly(2026, 6, 1), cancellationToken: TestContext.Current.CancellationToken)).Total.PnlEur);
    }

    /// <summary>The fields a day report's row had before delivery periods.</summary>
    private static object Hourly(HourPnl h) =>
        (h.Hour, h.TradeCount, h.BuyMw, h.SellMw, h.PnlEur, h.NetMw, h.MatchedMw, h.BuyVwapEurMwh, h.SellVwapEurMwh, h.RefPriceEurMwh, h.MtmEur);

    private static object Hourly(int hour, int trades, decimal buyMw, decimal sellMw, decimal pnlEur, decimal netMw, decimal matchedMw,
        decimal? buyVwap, decimal? sellVwap, decimal? refPrice, decimal? mtmEur) =>
        (hour, trades, buyMw, sellMw, pnlEur, netMw, matchedMw, buyVwap, sellVwap, refPrice, mtmEur);
}

public sealed class ReportServiceTests_Sqlite() : ReportServiceTests(DatabaseProvider.Sqlite);

public sealed class ReportServiceTests_Postgres() : ReportServiceTests(DatabaseProvider.Postgres);
