using System.Text;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Stores;
using FlexPower.Core.Import;
using FlexPower.Core.Prices;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FlexPower.Tests.Integration;

public abstract class PriceImportTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly Caller Manager = new("boss", true, null);
    private CoreHost host = default!;
    private PriceImportService imports = default!;
    private ReportService reports = default!;

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.StartAsync(provider: provider);
        imports = host.Get<PriceImportService>();
        reports = host.Get<ReportService>();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private Task<PriceImportResult> ImportAsync(string csv, string series = "day-ahead", string fileName = "prices.csv", bool force = false, Caller? caller = null) =>
        imports.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new PriceImportRequest(series, fileName, ImportSource.Upload, caller ?? Manager, force));

    private static string Prices(params (string Day, int Hour, string Price)[] rows) =>
        "delivery_day,delivery_hour,price_eur_mwh\n" + string.Join("\n", rows.Select(r => $"{r.Day},{r.Hour},{r.Price}")) + "\n";

    private Task AddAsync(string id, long price, int quantity, string direction, string day, int hour, string trader = "trader_1") =>
        host.Get<TradeService>().AddAsync(Manager, new RawTrade(id, price.ToString(), quantity.ToString(), direction, day, hour.ToString(), trader, $"{day}T00:00:00Z"));

    [Fact]
    public async Task SameFileTwice_IsANoOp_AndForcingItChangesNothing()
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(Reference.RepositoryRoot, "docs", "samples", "prices_day-ahead_20230228.csv"), TestContext.Current.CancellationToken);

        var first = await ImportAsync(csv);
        var second = await ImportAsync(csv);
        var forced = await ImportAsync(csv, force: true);

        Assert.Equal((ImportStatus.Imported, 24, 0), (first.Status, first.Inserted, first.RejectedCount));
        Assert.Equal((ImportStatus.AlreadyImported, 0), (second.Status, second.Inserted));
        Assert.Equal((ImportStatus.Imported, 0, 0, 24), (forced.Status, forced.Inserted, forced.Updated, forced.Unchanged));
        var stored = await host.Get<PriceService>().ListAsync("day-ahead", new DateOnly(2023, 2, 28), new DateOnly(2023, 2, 28), TestContext.Current.CancellationToken);
        Assert.Equal(24, stored.Count);
        Assert.Equal(100.00m, stored[9].PriceEurMwh);
        var ledger = await host.Get<ImportService>().ListAsync(Manager, cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(ledger, i => Assert.Equal(ImportKind.Prices, i.Kind));
        Assert.Equal(3, ledger.Count);
    }

    [Fact]
    public async Task ResentPrice_ReplacesTheStoredOne_AndReportsFollow_IncludingCachedRangeMarks()
    {
        await AddAsync("long", 5000, 10, "buy", "2026-06-01", 9);
        await ImportAsync(Prices(("2026-06-01", 9, "60.00"), ("2026-06-01", 10, "61.00")), fileName: "a.csv");
        var before = await reports.RangeAsync(Manager, "trader_1", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), Granularity.Month, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(100.00m, before.Total.MtmEur); // −500 cash + 10 × 60

        var corrected = await ImportAsync(Prices(("2026-06-01", 9, "45.00"), ("2026-06-01", 10, "61.00")), fileName: "b.csv");

        Assert.Equal((0, 1, 1), (corrected.Inserted, corrected.Updated, corrected.Unchanged));
        var after = await reports.RangeAsync(Manager, "trader_1", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30), Granularity.Month, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(-50.00m, after.Total.MtmEur);
        Assert.Equal(-50.00m, (await reports.DayAsync(Manager, "trader_1", new DateOnly(2026, 6, 1), cancellationToken: TestContext.Current.CancellationToken)).Total.MtmEur);
        Assert.Equal(-50.00m, (await reports.TradersAsync(Manager, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1), cancellationToken: TestContext.Current.CancellationToken)).Traders.Single().MtmEur);
    }

    [Fact]
    public async Task InvalidLines_AreRejectedWithLineAndReason_AndNothingOfThemIsStored()
    {
        var result = await ImportAsync(Prices(("2026-03-29", 2, "50.00"), ("2026-03-29", 3, "abc"), ("2026-03-29", 4, "-10000.00"), ("2026-13-01", 4, "1.00"), ("2026-03-29", 5, "1.234")));

        Assert.Equal((ImportStatus.Imported, 0, 5), (result.Status, result.Inserted, result.RejectedCount));
        Assert.Equal([2, 3, 4, 5, 6], result.Rejected.Select(r => r.Line));
        Assert.Contains("delivery_hour 2 does not exist on 2026-03-29", result.Rejected[0].Reason);
        Assert.Contains("must be a number like 85.12 or -3.5 (got 'abc')", result.Rejected[1].Reason);
        Assert.Contains("outside ±9,999.99 EUR/MWh", result.Rejected[2].Reason);
        Assert.Contains("delivery_day must be a real date", result.Rejected[3].Reason);
        Assert.Contains("more than two decimals", result.Rejected[4].Reason);
        Assert.Empty(await host.Get<PriceService>().SeriesAsync(TestContext.Current.CancellationToken));
        var rejections = await host.Get<ImportService>().RejectionsAsync(Manager, result.ImportId, TestContext.Current.CancellationToken);
        Assert.Equal(5, await rejections.CountAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnHourTwiceInOneFile_KeepsTheFirst_AndRejectsTheRepeat()
    {
        var result = await ImportAsync(Prices(("2026-06-01", 9, "60.00"), ("2026-06-01", 9, "70.00")));

        Assert.Equal((1, 1), (result.Inserted, result.RejectedCount));
        Assert.Contains("already has a price on line 2", result.Rejected.Single().Reason);
    }

    [Fact]
    public async Task SameFile_IntoASecondSeries_IsImportedThere_AndIsADuplicateOnlyInEachSeriesItFed()
    {
        var csv = Prices(("2023-02-28", 9, "100.00"), ("2023-02-28", 10, "101.00"));

        var intoA = await ImportAsync(csv, series: "series-a");
        var intoB = await ImportAsync(csv, series: "series-b");
        var againIntoB = await ImportAsync(csv, series: "series-b");

        Assert.Equal((ImportStatus.Imported, 2), (intoA.Status, intoA.Inserted));
        Assert.Equal((ImportStatus.Imported, 2), (intoB.Status, intoB.Inserted));
        Assert.Equal(ImportStatus.AlreadyImported, againIntoB.Status);
        Assert.Contains($"#{intoB.ImportId}", againIntoB.Message);
        var prices = host.Get<PriceService>();
        Assert.Equal(2, (await prices.ListAsync("series-b", new DateOnly(2023, 2, 28), new DateOnly(2023, 2, 28), TestContext.Current.CancellationToken)).Count);
    }

    [Fact]
    public async Task ALineLongerThanMaxLineBytes_IsRejectedOnItsOwn_AndTheLinesAfterItAreStored()
    {
        await using var limited = await CoreHost.StartAsync(provider: provider, settings: new() { ["Import:MaxLineBytes"] = "1024" });
        var csv = Prices(("2023-02-28", 8, "99.00"), ("2023-02-28", 9, "100.00" + new string(' ', 2000) + "x"), ("2023-02-28", 10, "101.00"));

        var result = await limited.Get<PriceImportService>().ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)),
            new PriceImportRequest("day-ahead", "long.csv", ImportSource.Upload, Manager), TestContext.Current.CancellationToken);

        Assert.Equal((2, 1), (result.Inserted, result.RejectedCount));
        Assert.Equal(3, result.Rejected.Single().Line);
        Assert.Contains("longer than 1,024 bytes", result.Rejected.Single().Reason);
        Assert.Contains("Import:MaxLineBytes", result.Rejected.Single().Reason);
    }

    [Fact]
    public async Task AnImportStoppedPartWay_IsInTheLedgerAsIncomplete_WithWhatItStored_AndImportingTheFileAgainCompletesIt()
    {
        var days = Enumerable.Range(0, 5_000).Select(d => new DateOnly(2001, 1, 1).AddDays(d)).ToList();
        var hours = days.SelectMany(d => BerlinTime.HoursOf(d).Select(h => (Day: d.ToString("yyyy-MM-dd"), Hour: h, Price: $"{h}.{d.Day:00}"))).ToArray();
        var csv = Prices(hours);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var ledger = host.Get<ImportService>();
        async Task<ImportRecord?> LineAsync() => (await ledger.ListAsync(Manager, cancellationToken: TestContext.Current.CancellationToken)).SingleOrDefault();

        var import = imports.ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), new PriceImportRequest("day-ahead", "big.csv", ImportSource.Upload, Manager), stop.Token);
        await Wait.UntilAsync(async () => await LineAsync() is { Inserted: > 0 }, "the import has stored part of the file", TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import);

        var stopped = (await LineAsync())!;
        Assert.Equal("incomplete", ImportStatusText.Of(stopped.Status));
        Assert.InRange(stopped.Inserted, 1, hours.Length - 1);
        Assert.Equal(stopped.Inserted, (await host.Get<PriceService>().SeriesAsync(TestContext.Current.CancellationToken)).Single().Hours); // the ledger says what is stored
        Assert.Contains("import the file again", stopped.Message);

        var again = await ImportAsync(csv, fileName: "big.csv");

        Assert.Equal((ImportStatus.Imported, hours.Length - stopped.Inserted, stopped.Inserted, 0), (again.Status, again.Inserted, again.Unchanged, again.RejectedCount));
        Assert.Equal(hours.Length, (await host.Get<PriceService>().SeriesAsync(TestContext.Current.CancellationToken)).Single().Hours);
        Assert.Equal(ImportStatus.AlreadyImported, (await ImportAsync(csv, fileName: "big.csv")).Status);
    }

    [Fact]
    public async Task PriceImportsLedgeredBeforeTheLedgerKeptTheSeries_GetTheirSeriesFromTheirMessage()
    {
        await using var db = await host.Get<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var migrator = db.GetService<IMigrator>();
        // Back to the migration before the one that gave the ledger its series column, named: later ones keep coming.
        var migrations = db.Database.GetMigrations().ToList();
        var beforeSeries = migrations[migrations.FindIndex(m => m.EndsWith("_PriceImportSeries", StringComparison.Ordinal)) - 1];
        await migrator.MigrateAsync(beforeSeries, TestContext.Current.CancellationToken);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO imports (source, kind, file_name, sha256, size_bytes, user_name, started_utc, finished_utc, rows, inserted, duplicates, updated, rejected, status, forced, message)
            VALUES ('Upload', 'Prices', 'a.csv', 'aa', 1, 'boss', '2026-11-30 10:00:00', '2026-11-30 10:00:01', 24, 24, 0, 0, 0, 'Imported', false, 'SMARD export, hourly into series id3.'),
                   ('Upload', 'Prices', 'a.csv', 'aa', 1, 'boss', '2026-11-30 10:00:00', '2026-11-30 10:00:01', 0, 0, 0, 0, 0, 'AlreadyImported', false, 'Same content (SHA-256) as price import #1 ''a.csv''; nothing imported.'),
                   ('Upload', 'Trades', 'epex_trades_20230220.csv', 'bb', 1, 'boss', '2026-11-30 10:00:00', '2026-11-30 10:00:01', 2, 2, 0, 0, 0, 'Imported', false, NULL)
            """, TestContext.Current.CancellationToken);

        await migrator.MigrateAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["id3", null, null], await db.Database.SqlQueryRaw<string?>("SELECT series AS \"Value\" FROM imports ORDER BY id").ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task UnreadableFile_IsRecordedAsFailed_AndStoresNothing()
    {
        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync("when,price\n2026-06-01,1\n"));

        Assert.Contains("delivery_day, delivery_hour, price_eur_mwh", failure.Message);
        Assert.Equal(ImportStatus.Failed, (await host.Get<ImportService>().ListAsync(Manager, cancellationToken: TestContext.Current.CancellationToken)).Single().Status);
        Assert.Empty(await host.Get<PriceService>().SeriesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Traders_MayNotImportPrices_AndBadSeriesNamesAreRefused()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync(Prices(("2026-06-01", 9, "60.00")), caller: new Caller("tom", false, "trader_1")));
        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => ImportAsync(Prices(("2026-06-01", 9, "60.00")), series: "Day Ahead"));
        Assert.Contains("lower-case letters, digits", bad.Message);
        Assert.Empty(await host.Get<ImportService>().ListAsync(Manager, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HoursWithoutAPrice_HaveNullRefAndMtm_AndTotalsCountThem()
    {
        await AddAsync("a", 5000, 10, "buy", "2026-06-01", 9);
        await AddAsync("b", 7000, 4, "sell", "2026-06-01", 20);
        await ImportAsync(Prices(("2026-06-01", 9, "55.00")));

        var day = await reports.DayAsync(Manager, "trader_1", new DateOnly(2026, 6, 1), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((55.00m, 50.00m), (day.Hours[9].RefPriceEurMwh, day.Hours[9].MtmEur));
        Assert.Equal((null, null), (day.Hours[20].RefPriceEurMwh, day.Hours[20].MtmEur));
        Assert.Equal((1, 50.00m + 280.00m), (day.Total.HoursWithoutPrice, day.Total.MtmEur));
        var range = await reports.RangeAsync(Manager, null, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 1), Granularity.Day, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((1, 330.00m), (range.Total.HoursWithoutPrice, range.Total.MtmEur));
    }

    [Fact]
    public async Task ClockChangeDays_MarkEveryHourThatHasAPrice()
    {
        await AddAsync("spring", 1000, 3, "buy", "2026-03-29", 3);
        await AddAsync("autumn", 1000, 2, "sell", "2026-10-25", 2);
        var spring = await ImportAsync(Prices([.. Enumerable.Range(0, 24).Select(h => ("2026-03-29", h, "20.00"))]), fileName: "spring.csv");
        var autumn = await ImportAsync(Prices([.. Enumerable.Range(0, 24).Select(h => ("2026-10-25", h, "5.00"))]), fileName: "autumn.csv");

        Assert.Equal((23, 1), (spring.Inserted, spring.RejectedCount));
        Assert.Equal((24, 0), (autumn.Inserted, autumn.RejectedCount));
        var springDay = await reports.DayAsync(Manager, "trader_1", new DateOnly(2026, 3, 29), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(23, springDay.Hours.Count);
        Assert.All(springDay.Hours, h => Assert.Equal(20.00m, h.RefPriceEurMwh));
        Assert.Equal(-30.00m + 3 * 20.00m, springDay.Total.MtmEur);
        var autumnDay = await reports.DayAsync(Manager, "trader_1", new DateOnly(2026, 10, 25), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(25, autumnDay.Hours.Count); // hour 2 twice: the legacy hour 2, priced, is the first
        Assert.Equal(20.00m - 2 * 5.00m, autumnDay.Hours[2].MtmEur);
        Assert.Null(autumnDay.Hours[3].RefPriceEurMwh);
    }

    [Fact]
    public async Task Marks_EqualTheRawTrades_AfterRandomInsertsImportsAndPriceCorrections()
    {
        var random = new Random(5);
        var days = Enumerable.Range(0, 5).Select(d => new DateOnly(2026, 3, 27).AddDays(d)).ToList(); // across the spring clock change
        var prices = days.SelectMany(d => BerlinTime.HoursOf(d).Where(_ => random.Next(5) > 0).Select(h => (d, h, (long)random.Next(-5_000, 20_000)))).ToList();
        await ImportAsync(Prices([.. prices.Select(p => (p.d.ToString("yyyy-MM-dd"), p.h, (p.Item3 / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))]), fileName: "p1.csv");
        var stored = new List<(string Trader, DateOnly Day, int Hour, long Price, int Quantity, bool Buy)>();
        async Task AddRandomAsync(int count, string prefix)
        {
            for (var i = 0; i < count; i++)
            {
                var day = days[random.Next(days.Count)];
                var hour = BerlinTime.HoursOf(day)[random.Next(BerlinTime.HoursOf(day).Count)];
                var trade = ($"trader_{random.Next(1, 4)}", day, hour, (long)random.Next(-10_000, 30_000), random.Next(1, 50), random.Next(2) == 0);
                await AddAsync($"{prefix}{i}", trade.Item4, trade.Item5, trade.Item6 ? "buy" : "sell", day.ToString("yyyy-MM-dd"), hour, trade.Item1);
                stored.Add(trade);
            }
        }
        async Task AssertMarksMatchRawAsync()
        {
            var priceOf = prices.ToDictionary(p => (p.d, p.h), p => p.Item3);
            var hours = stored.GroupBy(t => (t.Trader, t.Day, t.Hour)).Select(g => (g.Key.Trader, Cash: g.Sum(t => (t.Buy ? -1 : 1) * t.Price * t.Quantity),
                Net: g.Sum(t => (t.Buy ? 1 : -1) * (long)t.Quantity), Price: priceOf.TryGetValue((g.Key.Day, g.Key.Hour), out var p) ? p : (long?)null)).ToList();
            long Expected(IEnumerable<(string Trader, long Cash, long Net, long? Price)> set) => set.Sum(h => h.Cash + h.Net * (h.Price ?? 0));
            var range = await reports.RangeAsync(Manager, null, days[0], days[^1], Granularity.Week);
            Assert.Equal(Expected(hours) / 100m, range.Total.MtmEur);
            Assert.Equal(hours.Count(h => h.Price is null), range.Total.HoursWithoutPrice);
            var summary = await reports.TradersAsync(Manager, days[0], days[^1]);
            Assert.All(summary.Traders, t => Assert.Equal(Expected(hours.Where(h => h.Trader == t.TraderId)) / 100m, t.MtmEur));
        }

        async Task RefreshCacheAsync() // what the leader's MarkRefresher does after trades or prices change
        {
            await using var db = await host.Get<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync();
            Assert.NotEmpty(await DayMarkStore.StaleDaysAsync(db, "day-ahead", days[0], days[^1], CancellationToken.None));
            await DayMarkStore.RefreshAsync(db, "day-ahead", days[0], days[^1], CancellationToken.None);
            Assert.Empty(await DayMarkStore.StaleDaysAsync(db, "day-ahead", days[0], days[^1], CancellationToken.None));
        }

        async Task AssertNothingStaleAsync()
        {
            await using var db = await host.Get<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync();
            Assert.Empty(await DayMarkStore.StaleDaysAsync(db, "day-ahead", days[0], days[^1], CancellationToken.None));
        }

        await AddRandomAsync(150, "a");
        await AssertNothingStaleAsync(); // single trades mark their days in their own commit
        await AssertMarksMatchRawAsync(); // every day from the cache
        await AddRandomAsync(60, "b");
        await AssertNothingStaleAsync();
        await AssertMarksMatchRawAsync();
        var file = Enumerable.Range(0, 300).Select(i =>
        {
            var day = days[random.Next(days.Count)];
            var hour = BerlinTime.HoursOf(day)[random.Next(BerlinTime.HoursOf(day).Count)];
            return ($"trader_{random.Next(1, 4)}", day, hour, (long)random.Next(-10_000, 30_000), random.Next(1, 50), random.Next(2) == 0);
        }).ToList();
        var csv = Path.Combine(host.Database.Directory, "trades.csv");
        await File.WriteAllLinesAsync(csv, new[] { "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time" }
            .Concat(file.Select((t, i) => $"f{i},{t.Item4},{t.Item5},{(t.Item6 ? "buy" : "sell")},{t.day:yyyy-MM-dd},{t.hour},{t.Item1},2026-03-01T00:00:00Z")), TestContext.Current.CancellationToken);
        await host.Get<ImportService>().ImportFileAsync(csv, new ImportRequest("trades.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);
        stored.AddRange(file);
        await AssertMarksMatchRawAsync(); // a file's days are stale until the refresher runs: marked from their hours meanwhile
        await RefreshCacheAsync();
        await AssertMarksMatchRawAsync();
        for (var i = 0; i < 20; i++)
        {
            var k = random.Next(prices.Count);
            prices[k] = (prices[k].d, prices[k].h, prices[k].Item3 + 123); // corrections of stored hours
        }
        await ImportAsync(Prices([.. prices.Select(p => (p.d.ToString("yyyy-MM-dd"), p.h, (p.Item3 / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))]), fileName: "p2.csv");
        await AssertMarksMatchRawAsync();
        await RefreshCacheAsync();
        await AssertMarksMatchRawAsync();
        Assert.True((await host.Get<AggregateCheck>().CheckAsync(repair: false, cancellationToken: TestContext.Current.CancellationToken)).Consistent);
    }

    [Fact]
    public async Task PriceFileImported_IsNotTakenForAnAlreadyImportedTradeFile()
    {
        var csv = Prices(("2023-02-28", 9, "100.00"));
        Assert.Equal(ImportStatus.Imported, (await ImportAsync(csv)).Status);
        var path = Path.Combine(host.Database.Directory, "same.csv");
        await File.WriteAllTextAsync(path, csv, TestContext.Current.CancellationToken);

        var asTrades = await Assert.ThrowsAsync<ImportFailedException>(() =>
            host.Get<ImportService>().ImportFileAsync(path, new ImportRequest("same.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(ImportStatus.Failed, asTrades.Record.Status); // read as a trade file (no trade header), not "already imported"
    }

    [Fact]
    public async Task Reports_NeverWriteTheMarksCache_TheyMarkStaleDaysThemselves()
    {
        await ImportAsync(Prices(("2023-02-28", 9, "90.00")));
        await AddAsync("r1", 78, 57, "buy", "2023-02-28", 9, "trader_2");
        await ImportAsync(Prices(("2023-02-28", 9, "100.00")), fileName: "correction.csv"); // drops the day's cached mark

        var range = await reports.RangeAsync(Manager, "trader_2", new DateOnly(2023, 2, 28), new DateOnly(2023, 2, 28), Granularity.Day, cancellationToken: TestContext.Current.CancellationToken);
        var summary = await reports.TradersAsync(Manager, new DateOnly(2023, 2, 28), new DateOnly(2023, 2, 28), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5655.54m, range.Total.MtmEur);
        Assert.Equal(5655.54m, Assert.Single(summary.Traders).MtmEur);
        await using var db = await host.Get<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await db.Set<DayMark>().CountAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Inbox_ImportsPricesNamedPricesSeriesDay_IntoThatSeries()
    {
        var inbox = host.Get<ImportInbox>();
        Directory.CreateDirectory(inbox.Options.InboxDirectory);
        File.Copy(Path.Combine(Reference.RepositoryRoot, "docs", "samples", "smard_day_ahead_hourly_20230228.csv"), Path.Combine(inbox.Options.InboxDirectory, "prices_id3_20230228.csv"));
        File.WriteAllText(Path.Combine(inbox.Options.InboxDirectory, "prices_bad_20230301.csv"), "no,header,here\n");
        File.WriteAllText(Path.Combine(inbox.Options.InboxDirectory, "prices_Upper_20230301.csv"), "delivery_day,delivery_hour,price_eur_mwh\n");

        await inbox.ScanAsync(CancellationToken.None);

        Assert.Equal(["id3"], (await host.Get<PriceService>().SeriesAsync(TestContext.Current.CancellationToken)).Select(s => s.Series));
        Assert.Equal(80.00m, (await host.Get<PriceService>().ListAsync("id3", new DateOnly(2023, 2, 28), new DateOnly(2023, 2, 28), TestContext.Current.CancellationToken))[20].PriceEurMwh);
        Assert.True(File.Exists(Path.Combine(inbox.Options.ArchiveDirectory, "prices_id3_20230228.csv")));
        Assert.True(File.Exists(Path.Combine(inbox.Options.FailedDirectory, "prices_bad_20230301.csv")));
        Assert.Equal(["prices_Upper_20230301.csv"], Directory.GetFiles(inbox.Options.InboxDirectory).Select(Path.GetFileName));
        var ledger = await host.Get<ImportService>().ListAsync(Manager, cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(ledger, i => Assert.Equal((ImportKind.Prices, ImportSource.Inbox), (i.Kind, i.Source)));
    }
}

public sealed class PriceImportTests_Sqlite() : PriceImportTests(DatabaseProvider.Sqlite);

public sealed class PriceImportTests_Postgres() : PriceImportTests(DatabaseProvider.Postgres);
