using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Postgres;
using FlexPower.Core.Import;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;

using FlexPower.Core.Data.TradeWrites;

namespace FlexPower.Tests.Integration;

/// <summary>
/// How a file's rows are stored, on both providers: new trades, ids stored before, ids twice in the file, rejected rows
/// among them, cancellation. On PostgreSQL a file streams straight into the table and falls back to copying again
/// without the taken ids when one is met: the outcomes must not tell the two ways apart.
/// </summary>
public abstract class ImportStoringTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly Caller Manager = new("boss", true, null);
    private readonly LogCapture logs = new();
    private CoreHost host = default!;
    private ImportService imports = default!;
    private TradeService trades = default!;

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.StartAsync(provider: provider, logs: logs);
        imports = host.Get<ImportService>();
        trades = host.Get<TradeService>();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private Task<ImportResult> ImportAsync(string file, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        imports.ImportFileAsync(file, new ImportRequest(Path.GetFileName(file), ImportSource.Upload, Manager), progress, cancellationToken: cancellationToken);

    private string Write(string name, int rows, Func<int, string?>? lineAt = null) => TradeFile.Write(host.Database.Directory, name, rows, lineAt);

    /// <summary>On PostgreSQL, whether the writer met a taken id and copied the trades again without it (SQLite looks ids up row by row).</summary>
    private void AssertCopiedAgain(bool expected)
    {
        if (provider != DatabaseProvider.Postgres) return;
        Assert.Equal(expected, logs.MessagesOf<PostgresTradeWriter>().Any(m => m.Contains("copying the others again")));
    }

    private async Task AssertAggregatesEqualTheTradesAsync() =>
        Assert.True((await host.Get<AggregateCheck>().CheckAsync(repair: false)).Consistent, "the aggregates differ from the trades");

    private async Task<IReadOnlyList<ImportRejection>> LedgerRejectionsAsync(long importId)
    {
        var kept = new List<ImportRejection>();
        await foreach (var rejection in await imports.RejectionsAsync(Manager, importId)) kept.Add(rejection);
        return kept;
    }

    // Five traders over ten days, every hour, both directions, negative prices too.
    private static string Varied(int i) =>
        $"v{i},{(i % 7 == 0 ? -(i % 5000) : i % 90000)},{1 + i % 50},{(i % 3 == 0 ? "sell" : "buy")},2025-03-{1 + i % 10:00},{i % 24},trader_{i % 5},2025-02-28T12:00:00Z";

    [Fact]
    public async Task FreshFile_StoresEveryTrade_AndTheAggregatesAddUpToThem()
    {
        const int rows = 20_000;
        var result = await ImportAsync(Write("fresh.csv", rows, Varied), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((ImportStatus.Imported, rows, rows, 0, 0), (result.Status, result.Rows, result.Inserted, result.Duplicates, result.RejectedCount));
        AssertCopiedAgain(false);
        await AssertAggregatesEqualTheTradesAsync();
        // trader_3 on 2025-03-04 at 05:00, summed here from the same rows the file has.
        var expected = Enumerable.Range(0, rows).Select(Varied).Select(l => l.Split(','))
            .Where(f => f[6] == "trader_3" && f[4] == "2025-03-04" && f[5] == "5").ToList();
        long Cents(string direction) => expected.Where(f => f[3] == direction).Sum(f => long.Parse(f[1]) * long.Parse(f[2]));
        var hour = (await host.Get<ReportService>().DayAsync(Manager, "trader_3", new DateOnly(2025, 3, 4), cancellationToken: TestContext.Current.CancellationToken)).Hours.Single(h => h.Hour == 5);
        Assert.NotEmpty(expected);
        Assert.Equal((5, expected.Count, expected.Where(f => f[3] == "buy").Sum(f => long.Parse(f[2])),
            expected.Where(f => f[3] == "sell").Sum(f => long.Parse(f[2])), (Cents("sell") - Cents("buy")) / 100m),
            (hour.Hour, hour.TradeCount, hour.BuyMw, hour.SellMw, hour.PnlEur));
    }

    [Fact]
    public async Task SecondFileOverTheSameHours_AddsToTheirAggregates()
    {
        // 1,200 trader-hours, every one of them already summed when the second file arrives.
        await ImportAsync(Write("first.csv", 20_000, Varied), cancellationToken: TestContext.Current.CancellationToken);
        var second = await ImportAsync(Write("second.csv", 20_000, i => "w" + Varied(i)[1..]), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((20_000, 0), (second.Inserted, second.RejectedCount));
        AssertCopiedAgain(false);
        await AssertAggregatesEqualTheTradesAsync();
        Assert.Equal(40_000, (await trades.GetTotalsAsync(Manager, new TradeFilter(), TestContext.Current.CancellationToken)).TradeCount);
    }

    [Fact]
    public async Task IdsStoredBefore_AreDuplicatesOrConflicts_AndEveryOtherTradeIsStored()
    {
        await trades.AddAsync(Manager, new RawTrade("r1000", "1000", "1", "buy", "2025-03-01", "16", "trader_1", "2025-02-28T12:00:00Z"), TestContext.Current.CancellationToken);
        await trades.AddAsync(Manager, new RawTrade("r3000", "1", "2", "buy", "2025-03-01", "0", "trader_1", "2025-02-28T12:00:00Z"), TestContext.Current.CancellationToken);
        // Row 1000 is the stored r1000 again; row 3000 reuses r3000 with other values; row 2000 is rejected while reading.
        var file = Write("stored-before.csv", 5_000, i => i == 2000 ? "r2000,1,1,hold,2025-03-01,1,trader_1,2025-02-28T12:00:00Z" : null);

        var result = await ImportAsync(file, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((5_000, 4_997, 1, 2), (result.Rows, result.Inserted, result.Duplicates, result.RejectedCount));
        Assert.Equal([2_002, 3_002], result.Rejected.Select(r => r.Line));
        Assert.StartsWith("direction must be exactly", result.Rejected[0].Reason);
        Assert.Equal("a trade with id 'r3000' is already stored with a different price, quantity; trade ids are unique, so send the stored values or use a new id",
            result.Rejected[1].Reason);
        Assert.Equal(4_999, (await trades.GetTotalsAsync(Manager, new TradeFilter(), TestContext.Current.CancellationToken)).TradeCount);
        AssertCopiedAgain(true);
        await AssertAggregatesEqualTheTradesAsync();
    }

    [Fact]
    public async Task IdTwiceInTheFile_TheFirstRowIsStored_TheLaterOnesAreRejected()
    {
        // Rows 50 and 70 repeat r10: once unchanged, once with another price.
        var file = Write("twice.csv", 100, i => i switch
        {
            50 => TradeFile.GoodRow(10),
            70 => TradeFile.GoodRow(10).Replace("r10,10,", "r10,999,"),
            _ => null,
        });

        var result = await ImportAsync(file, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((100, 98, 0), (result.Rows, result.Inserted, result.Duplicates));
        Assert.Equal([(52, "id 'r10' appears earlier in this file"), (72, "id 'r10' appears earlier in this file")], result.Rejected.Select(r => (r.Line, r.Reason)));
        var stored = (await trades.GetPageAsync(Manager, new TradeFilter(), new TradeSort(TradeSortColumn.Price, true), 0, 500, TestContext.Current.CancellationToken)).Rows.Single(t => t.Id == "r10");
        Assert.Equal(10, stored.Price);
        AssertCopiedAgain(true);
        await AssertAggregatesEqualTheTradesAsync();
    }

    [Fact]
    public async Task RejectedRowsAmongGoodOnes_AreReportedInLineOrder_WithTheirText()
    {
        string? Bad(int i) => (i % 7) switch
        {
            3 => $"bad{i},1,1,hold,2025-03-01,1,trader_1,2025-02-28T12:00:00Z",
            5 => $"bad{i},1,1,buy,2025-03-01,24,trader_1,2025-02-28T12:00:00Z",
            _ => null,
        };
        var file = Write("interleaved.csv", 3_000, Bad);
        var expected = Enumerable.Range(0, 3_000).Where(i => Bad(i) is not null).ToList();

        var result = await ImportAsync(file, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((3_000 - expected.Count, 0, expected.Count), (result.Inserted, result.Duplicates, result.RejectedCount));
        Assert.Equal(expected.Select(i => i + 2), result.Rejected.Select(r => r.Line));
        Assert.Equal(expected.Select(i => (i + 2, Bad(i))), (await LedgerRejectionsAsync(result.ImportId)).Select(r => (r.Line, (string?)r.Raw)));
        AssertCopiedAgain(false);
        await AssertAggregatesEqualTheTradesAsync();
    }

    [Fact]
    public async Task SameFileAgain_ChangesNothing_AndForcedItFindsOnlyDuplicates()
    {
        var file = Write("again.csv", 5_000, Varied);
        var first = await ImportAsync(file, cancellationToken: TestContext.Current.CancellationToken);
        var report = host.Get<ReportService>();
        var dayBefore = await report.DayAsync(Manager, "trader_2", new DateOnly(2025, 3, 3), cancellationToken: TestContext.Current.CancellationToken);

        var again = await ImportAsync(file, cancellationToken: TestContext.Current.CancellationToken);
        var forced = await imports.ImportFileAsync(file, new ImportRequest("again.csv", ImportSource.Upload, Manager, Force: true), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((ImportStatus.Imported, 5_000), (first.Status, first.Inserted));
        Assert.Equal((ImportStatus.AlreadyImported, 0), (again.Status, again.Inserted));
        Assert.Equal((ImportStatus.Imported, 5_000, 0, 5_000, 0), (forced.Status, forced.Rows, forced.Inserted, forced.Duplicates, forced.RejectedCount));
        AssertCopiedAgain(true);
        Assert.Equal(5_000, (await trades.GetTotalsAsync(Manager, new TradeFilter(), TestContext.Current.CancellationToken)).TradeCount);
        var dayAfter = await report.DayAsync(Manager, "trader_2", new DateOnly(2025, 3, 3), cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(0, dayBefore.Total.TradeCount);
        Assert.Equal(dayBefore.Total, dayAfter.Total);
        Assert.Equal(dayBefore.Hours, dayAfter.Hours);
        await AssertAggregatesEqualTheTradesAsync();
    }

    [Fact]
    public async Task CancelledWhileStoring_LeavesNothingBehind()
    {
        var file = Write("cancelled.csv", 50_000, Varied);
        using var cancel = new CancellationTokenSource();
        var storing = new InlineProgress(p =>
        {
            if (p.Stage != ImportStage.Reading) cancel.Cancel();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(file, storing, cancel.Token));

        Assert.Equal(0, (await trades.GetTotalsAsync(Manager, new TradeFilter(), TestContext.Current.CancellationToken)).TradeCount);
        Assert.Empty(await imports.ListAsync(Manager, cancellationToken: TestContext.Current.CancellationToken));
        await AssertAggregatesEqualTheTradesAsync();
        Assert.Equal(0, (await host.Get<ReportService>().DayAsync(Manager, "trader_1", new DateOnly(2025, 3, 2), cancellationToken: TestContext.Current.CancellationToken)).Total.TradeCount);
        // The same file imports completely afterwards: nothing of the cancelled attempt is in the way.
        Assert.Equal(50_000, (await ImportAsync(file, cancellationToken: TestContext.Current.CancellationToken)).Inserted);
    }

    private sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}

public sealed class ImportStoringTests_Sqlite() : ImportStoringTests(DatabaseProvider.Sqlite);

public sealed class ImportStoringTests_Postgres() : ImportStoringTests(DatabaseProvider.Postgres);
