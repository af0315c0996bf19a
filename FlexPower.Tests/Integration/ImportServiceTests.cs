using System.Diagnostics;
using System.Text;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Import;
using FlexPower.Core.Trades;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Integration;

public abstract class ImportServiceTests(DatabaseProvider provider) : IAsyncLifetime
{
    protected static readonly Caller Manager = new("boss", true, null);
    protected CoreHost host = default!;
    protected ImportService imports = default!;
    private TradeService trades = default!;

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.StartAsync(provider: provider);
        imports = host.Get<ImportService>();
        trades = host.Get<TradeService>();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private string Write(string name, string content, bool bom = false)
    {
        var path = Path.Combine(host.Database.Directory, name);
        File.WriteAllText(path, content, new UTF8Encoding(bom));
        return path;
    }

    protected async Task<int> CountAsync() => (await trades.GetTotalsAsync(Manager, new TradeFilter())).TradeCount;

    [Fact]
    public async Task SampleFile_ImportsItsThreeTrades_ThenAgainIsAlreadyImported()
    {
        var sample = Reference.File("trades", "epex_trades_20230220.csv");
        var first = await imports.ImportFileAsync(sample, new ImportRequest("epex_trades_20230220.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((ImportStatus.Imported, 3, 3, 0, 0), (first.Status, first.Rows, first.Inserted, first.Duplicates, first.RejectedCount));

        var again = await imports.ImportFileAsync(sample, new ImportRequest("epex_trades_20230220.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(ImportStatus.AlreadyImported, again.Status);
        Assert.Equal(0, again.Inserted);
        Assert.Contains($"import #{first.ImportId}", again.Message);
        Assert.Equal(3, await CountAsync());
        Assert.Equal(first.Sha256, again.Sha256);
    }

    [Fact]
    public async Task LedgerLine_WrittenInTheImportsTransaction_ReadsBackAsRecorded()
    {
        // Microseconds: the finest instant both providers keep.
        var now = new DateTimeOffset(2026, 11, 30, 8, 15, 30, TimeSpan.Zero).AddTicks(1_234_560);
        await using var clocked = await CoreHost.StartAsync(new FakeTimeProvider(now), provider: provider);
        var service = clocked.Get<ImportService>();
        var sample = Reference.File("trades", "epex_trades_20230220.csv");

        var result = await service.ImportFileAsync(sample, new ImportRequest("sample.csv", ImportSource.Inbox, Manager, Force: true), cancellationToken: TestContext.Current.CancellationToken);

        var line = Assert.Single(await service.ListAsync(Manager, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((result.ImportId, ImportSource.Inbox, ImportKind.Trades, "sample.csv", result.Sha256, new FileInfo(sample).Length, "boss"),
            (line.Id, line.Source, line.Kind, line.FileName, line.Sha256, line.SizeBytes, line.UserName));
        Assert.Equal((3, 3, 0, 0, 0, ImportStatus.Imported, true, (string?)null),
            (line.Rows, line.Inserted, line.Duplicates, line.Updated, line.Rejected, line.Status, line.Forced, line.Message));
        Assert.Equal((now.UtcDateTime, now.UtcDateTime), (line.StartedUtc, line.FinishedUtc));
    }

    [Fact]
    public async Task DatabaseThatCannotBePrepared_FailsTheImport_WithItsReason_AndNothingIsWritten()
    {
        var path = WriteRows("unprepared.csv", 100);
        host.Get<DatabaseReadiness>().Preparing(Task.FromException(new StartupFailedException("The database cannot be used.")));

        var failure = await Assert.ThrowsAsync<StartupFailedException>(() =>
            imports.ImportFileAsync(path, new ImportRequest("unprepared.csv", ImportSource.CommandLine, Manager), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("The database cannot be used.", failure.Message);
        Assert.Empty(await imports.ListAsync(Manager, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Forced_ReImport_OnlyFindsDuplicates()
    {
        var sample = Reference.File("trades", "epex_trades_20230220.csv");
        await imports.ImportFileAsync(sample, new ImportRequest("a.csv", ImportSource.Api, Manager), cancellationToken: TestContext.Current.CancellationToken);
        var forced = await imports.ImportFileAsync(sample, new ImportRequest("a.csv", ImportSource.Api, Manager, Force: true), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((ImportStatus.Imported, 3, 0, 3), (forced.Status, forced.Rows, forced.Inserted, forced.Duplicates));
    }

    [Fact]
    public async Task FileWithEveryKindOfBadRow_ImportsExactlyTheGoodRows_AndReportsEachBadOneWithLineAndReason()
    {
        await trades.AddAsync(Manager, new RawTrade("stored_1", "500", "5", "buy", "2023-02-28", "11", "trader_1", "2023-02-28T08:00:00Z"), TestContext.Current.CancellationToken);
        await trades.AddAsync(Manager, new RawTrade("stored_2", "500", "5", "buy", "2023-02-28", "11", "trader_1", "2023-02-28T08:00:00Z"), TestContext.Current.CancellationToken);
        var file = Write("bad.csv", string.Join("\r\n",
            "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time",   // 1 (after a BOM)
            "ok_1,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z",                       // 2 good
            "\"ok_2\", \"78\" ,57,buy,2023-02-28,9,\"trader_2\",2023-02-28T07:45:12Z",           // 3 good: quoted, whitespace
            "bad_dir,100,1,hold,2023-02-28,10,trader_1,2023-02-28T07:00:00Z",                     // 4 bad direction
            "bad_price,12.5,1,buy,2023-02-28,10,trader_1,2023-02-28T07:00:00Z",                   // 5 non-integer price
            "bad_hour,100,1,buy,2023-02-28,24,trader_1,2023-02-28T07:00:00Z",                     // 6 hour 24
            "spring,100,1,buy,2023-03-26,2,trader_1,2023-03-25T07:00:00Z",                        // 7 hour 2 on the spring clock change
            ",100,1,buy,2023-02-28,10,trader_1,2023-02-28T07:00:00Z",                             // 8 empty id
            "ok_1,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z",                       // 9 id repeated in the file
            "stored_1,999,5,buy,2023-02-28,11,trader_1,2023-02-28T08:00:00Z",                     // 10 conflicts with a stored trade
            "too_few,100,1,buy,2023-02-28,10,trader_1",                                           // 11 wrong column count
            "\"ok,3\",34,18,sell,2023-02-28,20,trader_2,2023-02-28T16:23:38Z",                   // 12 good: comma inside quotes
            "stored_2,500,5,buy,2023-02-28,11,trader_1,2023-02-28T08:00:00Z"),                    // 13 identical to stored: duplicate, no final newline
            bom: true);

        var result = await imports.ImportFileAsync(file, new ImportRequest("bad.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((12, 3, 1), (result.Rows, result.Inserted, result.Duplicates));
        var reasons = result.Rejected.ToDictionary(r => r.Line, r => r.Reason);
        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 11], reasons.Keys.Order());
        Assert.StartsWith("direction must be exactly", reasons[4]);
        Assert.StartsWith("price must be an integer", reasons[5]);
        Assert.StartsWith("delivery_hour must be an integer from 0 to 23", reasons[6]);
        Assert.Contains("does not exist on 2023-03-26", reasons[7]);
        Assert.StartsWith("id is required", reasons[8]);
        Assert.Equal("id 'ok_1' appears earlier in this file", reasons[9]);
        Assert.Equal("a trade with id 'stored_1' is already stored with a different price; trade ids are unique, so send the stored values or use a new id", reasons[10]);
        Assert.StartsWith("expected 8 columns", reasons[11]);

        var stored = await trades.GetPageAsync(Manager, new TradeFilter(), new TradeSort(TradeSortColumn.Id, false), 0, 50, TestContext.Current.CancellationToken);
        Assert.Equal(["ok,3", "ok_1", "ok_2", "stored_1", "stored_2"], stored.Rows.Select(t => t.Id));
        Assert.Equal(500, stored.Rows.Single(t => t.Id == "stored_1").Price);

        var kept = new List<ImportRejection>();
        await foreach (var r in await imports.RejectionsAsync(Manager, result.ImportId, TestContext.Current.CancellationToken)) kept.Add(r);
        Assert.Equal(8, kept.Count);
        Assert.Equal("bad_dir,100,1,hold,2023-02-28,10,trader_1,2023-02-28T07:00:00Z", kept[0].Raw);
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("id,price,quantity,direction\nx,1,1,buy\n", "missing required column(s) delivery_day, delivery_hour, trader_id, execution_time")]
    [InlineData("\u0000\u0001binary\u0002\n", "no usable header")]
    public async Task UnusableFile_ImportsNothing_AndSaysWhy(string content, string expected)
    {
        var file = Write("broken.csv", content);

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => imports.ImportFileAsync(file, new ImportRequest("broken.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(expected, failure.Message);
        Assert.Equal(0, await CountAsync());
        Assert.Equal(ImportStatus.Failed, (await imports.ListAsync(Manager, cancellationToken: TestContext.Current.CancellationToken)).Single().Status);
    }

    [Fact]
    public async Task HeaderInAnotherOrderAndCase_IsMappedByName()
    {
        var file = Write("reordered.csv", "TRADER_ID, Execution_Time ,id,price,quantity,direction,delivery_day,delivery_hour\ntrader_1,2023-02-28T11:12:35Z,r1,120,12,sell,2023-02-28,14\n");
        var result = await imports.ImportFileAsync(file, new ImportRequest("reordered.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, result.Inserted);
        var trade = (await trades.GetPageAsync(Manager, new TradeFilter(), null, 0, 1, TestContext.Current.CancellationToken)).Rows.Single();
        Assert.Equal(("r1", "trader_1", 120L, 14), (trade.Id, trade.TraderId, trade.Price, trade.DeliveryHour));
    }

    [Fact]
    public async Task Trader_ImportsOnlyOwnRows_OthersAreRejectedWithTheReason()
    {
        var trader = new Caller("tom", false, "trader_1");
        var result = await imports.ImportFileAsync(Reference.File("trades", "epex_trades_20230220.csv"), new ImportRequest("sample.csv", ImportSource.Upload, trader), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, result.Inserted);
        Assert.All(result.Rejected, r => Assert.Contains("is not yours", r.Reason));
        Assert.Equal(2, result.RejectedCount);
        await Assert.ThrowsAsync<ForbiddenException>(() => imports.RejectionsAsync(new Caller("tia", false, "trader_2"), result.ImportId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CancelledMidFile_StopsPromptly_AndLeavesNothingBehind()
    {
        var path = Path.Combine(host.Database.Directory, "large.csv");
        await using (var writer = new StreamWriter(path))
        {
            await writer.WriteLineAsync("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time");
            for (var i = 0; i < 300_000; i++)
                await writer.WriteLineAsync($"k{i},{i % 9000},{1 + i % 50},{(i % 2 == 0 ? "buy" : "sell")},2025-03-01,{i % 24},trader_{i % 7},2025-02-28T12:00:00Z");
        }
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var import = imports.ImportFileAsync(path, new ImportRequest("large.csv", ImportSource.Upload, Manager), cancellationToken: cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => import.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        Assert.Equal(0, await CountAsync());
        Assert.Empty(await imports.ListAsync(Manager, cancellationToken: TestContext.Current.CancellationToken));
    }

    private const string Header = TradeFile.Header;

    protected string WriteRows(string name, int rows, Func<int, string?>? lineAt = null) => TradeFile.Write(host.Database.Directory, name, rows, lineAt);

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task ALargeFile_ReadInTwoParts_RejectsEachBadRowOnItsOwnLine_AndStoresTheRestOnce(string lineBreak)
    {
        // 90,000 rows (~6 MB: SQLite reads it on two threads, cut near the middle): bad prices at the start, around the
        // middle and at the end, a blank line in each half, and row 7's id again after the cut.
        const int rows = 90_000;
        var lines = new List<string> { TradeFile.Header };
        for (var i = 0; i < rows; i++)
            lines.Add(i is 3 or 44_990 or 45_000 or 45_010 or rows - 1 ? $"bad{i},x,1,buy,2025-03-01,1,trader_1,2025-02-28T12:00:00Z"
                : i == 60_000 ? TradeFile.GoodRow(7) : TradeFile.GoodRow(i));
        lines.Insert(10, "");
        lines.Insert(80_000, "");
        var path = Write($"large{lineBreak.Length}{(lineBreak == "\r" ? "cr" : "")}.csv", string.Join(lineBreak, lines) + lineBreak);

        var result = await imports.ImportFileAsync(path, new ImportRequest("large.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);

        var expected = lines.Select((text, index) => (text, line: index + 1)).Where(l => l.text.StartsWith("bad") || l.text.StartsWith("r7,") && l.line > 9).ToList();
        Assert.Equal((rows, rows - 6, 6), (result.Rows, result.Inserted, result.RejectedCount));
        Assert.Equal(expected.Select(l => (l.line, l.text)), result.Rejected.Select(r => (r.Line, r.Raw)));
        Assert.Equal("id 'r7' appears earlier in this file", result.Rejected.Single(r => r.Raw.StartsWith("r7,")).Reason);
        Assert.Equal(rows - 6, await CountAsync());
    }

    [Fact]
    public async Task QuoteThatNeverCloses_RejectsOnlyItsLine_InLinearTime()
    {
        // 20,000 lines: the header, line 2 opens a quote that never closes, 19,998 good rows.
        var file = WriteRows("open-quote.csv", 19_999, i => i == 0 ? "\"x0,100,1,buy,2025-03-01,0,trader_1,2025-02-28T12:00:00Z" : null);
        var clock = Stopwatch.StartNew();

        var result = await imports.ImportFileAsync(file, new ImportRequest("open-quote.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal((19_999, 19_998, 1), (result.Rows, result.Inserted, result.RejectedCount));
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(2, rejected.Line);
        Assert.StartsWith("unterminated quoted field", rejected.Reason);
        Assert.Equal(19_998, await CountAsync());
    }

    [Fact]
    public async Task WhileAFileIsBeingRead_AnotherWriterIsNotBlocked()
    {
        await trades.AddAsync(Manager, new RawTrade("warm_up", "1", "1", "buy", "2025-03-02", "1", "trader_2", "2025-03-01T12:00:00Z"), TestContext.Current.CancellationToken);
        var file = WriteRows("large.csv", 100_000);
        using var resume = new ManualResetEventSlim();
        var reading = new TaskCompletionSource();
        var progress = new InlineProgress(_ =>
        {
            // Hold the import at its first progress report until the other writer is done: SQLite is then reading the file
            // before taking the write lock, PostgreSQL is storing rows as it reads them.
            if (!reading.TrySetResult()) return;
            resume.Wait(TimeSpan.FromSeconds(30));
        });

        var import = Task.Run(() => imports.ImportFileAsync(file, new ImportRequest("large.csv", ImportSource.Upload, Manager), progress));
        await reading.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        var (outcome, _) = await trades.AddAsync(Manager, new RawTrade("other", "500", "5", "sell", "2025-03-02", "9", "trader_2", "2025-03-01T12:00:00Z"), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        clock.Stop();
        resume.Set();

        Assert.Equal(AddTradeOutcome.Inserted, outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the other writer waited {clock.Elapsed}");
        Assert.False(import.IsCompleted);
        Assert.Equal(100_000, (await import.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken)).Inserted);
        Assert.Equal(100_002, await CountAsync());
    }

    protected sealed class InlineProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    [Fact]
    public async Task LineLongerThanTheLimit_IsRejectedOnItsOwn()
    {
        await using var limited = await CoreHost.StartAsync(settings: new() { ["Import:MaxLineBytes"] = "1024" }, provider: provider);
        var file = Path.Combine(limited.Database.Directory, "long.csv");
        File.WriteAllText(file, $"{Header}\nok_1,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z\nlong,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z{new string(' ', 5000)}\nok_2,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z\n");

        var result = await limited.Get<ImportService>().ImportFileAsync(file, new ImportRequest("long.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((3, 2), (result.Rows, result.Inserted));
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(3, rejected.Line);
        Assert.StartsWith("line is longer than 1,024 bytes, the most a line may have (Import:MaxLineBytes)", rejected.Reason);
    }

    [Fact]
    public async Task ManyRejectedRows_TheResultListsTheFirstThousand_TheLedgerKeepsAll()
    {
        var file = WriteRows("bad-rows.csv", 1_500, i => $"b{i},1,1,hold,2025-03-01,1,trader_1,2025-02-28T12:00:00Z");

        var result = await imports.ImportFileAsync(file, new ImportRequest("bad-rows.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((1_500, 1_000), (result.RejectedCount, result.Rejected.Count));
        Assert.Equal(Enumerable.Range(2, 1_000), result.Rejected.Select(r => r.Line));
        var kept = 0;
        await foreach (var _ in await imports.RejectionsAsync(Manager, result.ImportId, TestContext.Current.CancellationToken)) kept++;
        Assert.Equal(1_500, kept);
    }

    [Fact]
    public async Task Upload_IsHashedWhileSpooled_LikeTheSameFileOnDisk()
    {
        var sample = Reference.File("trades", "epex_trades_20230220.csv");
        var reported = new List<long>();
        await using var content = File.OpenRead(sample);

        var uploaded = await imports.ImportAsync(content, new ImportRequest("upload.csv", ImportSource.Upload, Manager), new InlineUploadProgress(reported.Add), cancellationToken: TestContext.Current.CancellationToken);
        var again = await imports.ImportFileAsync(sample, new ImportRequest("disk.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(ImportStatus.AlreadyImported, again.Status);
        Assert.Equal(uploaded.Sha256, again.Sha256);
        Assert.Equal(new FileInfo(sample).Length, reported[^1]);
    }

    private sealed class InlineUploadProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    [Fact]
    public async Task RowWithNulBytes_IsRejected_AndItsTextKeptPrintably()
    {
        var file = Write("nul.csv", "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\nbad\0id,1,5,buy,2023-02-28,11,trader_2,2023-02-28T08:00:00Z\nok,1,5,buy,2023-02-28,11,trader_2,2023-02-28T08:00:00Z\n");

        var result = await imports.ImportFileAsync(file, new ImportRequest("nul.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (result.Inserted, result.RejectedCount));
        Assert.Contains("must not contain control characters", Assert.Single(result.Rejected).Reason);
        var kept = new List<ImportRejection>();
        await foreach (var r in await imports.RejectionsAsync(Manager, result.ImportId, TestContext.Current.CancellationToken)) kept.Add(r);
        Assert.StartsWith("bad\uFFFDid,", Assert.Single(kept).Raw);
    }

    [Fact]
    public async Task Trader_ImportingAnIdOfAnotherTradersTrade_LearnsOnlyThatItIsTaken()
    {
        await trades.AddAsync(Manager, new RawTrade("theirs", "4321", "5", "buy", "2023-02-28", "11", "trader_1", "2023-02-28T08:00:00Z"), TestContext.Current.CancellationToken);
        var file = Write("guess.csv", "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\ntheirs,1,5,buy,2023-02-28,11,trader_2,2023-02-28T08:00:00Z\n");

        var result = await imports.ImportFileAsync(file, new ImportRequest("guess.csv", ImportSource.Upload, new Caller("tia", false, "trader_2")), cancellationToken: TestContext.Current.CancellationToken);

        var reason = Assert.Single(result.Rejected).Reason;
        Assert.Contains("already taken", reason);
        Assert.DoesNotContain("price", reason);
        Assert.DoesNotContain("trader_1", reason);
    }

    [Fact]
    public async Task Import_NotifiesOpenPages_OfTheTradersAndDaysItAdded()
    {
        var seen = new TaskCompletionSource<TradesChanged>();
        using var _ = host.Get<ChangeNotifier>().Subscribe<TradesChanged>(change => { seen.TrySetResult(change); return Task.CompletedTask; });
        await imports.ImportFileAsync(Reference.File("trades", "epex_trades_20230220.csv"), new ImportRequest("sample.csv", ImportSource.Upload, Manager), cancellationToken: TestContext.Current.CancellationToken);
        var change = await seen.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(["trader_1", "trader_2"], change.TraderIds.Order());
        Assert.Equal([new DateOnly(2023, 2, 28)], change.DeliveryDays);
    }
}

public sealed class ImportServiceTests_Sqlite() : ImportServiceTests(DatabaseProvider.Sqlite)
{
    // SQLite reads and checks the whole file before it writes (PostgreSQL stores rows as it reads them), so only here does
    // the reading overlap a preparation of the database that is still running.
    [Fact]
    public async Task DatabaseStillBeingPrepared_TheFileIsReadMeanwhile_AndStoredOnceItIsReady()
    {
        var path = WriteRows("prepared.csv", 25_000);
        var ready = new TaskCompletionSource();
        host.Get<DatabaseReadiness>().Preparing(ready.Task);
        var rowsRead = 0;
        var progress = new InlineProgress(p => { if (p.Stage == ImportStage.Reading) Volatile.Write(ref rowsRead, p.Rows); });

        var import = imports.ImportFileAsync(path, new ImportRequest("prepared.csv", ImportSource.CommandLine, Manager), progress, cancellationToken: TestContext.Current.CancellationToken);

        await Wait.UntilAsync(() => Volatile.Read(ref rowsRead) >= 20_000, "the file has been read");
        Assert.False(import.IsCompleted);
        Assert.Empty(await imports.ListAsync(Manager, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(0, await CountAsync());
        ready.SetResult();
        var result = await import.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal((ImportStatus.Imported, 25_000), (result.Status, result.Inserted));
    }
}

public sealed class ImportServiceTests_Postgres() : ImportServiceTests(DatabaseProvider.Postgres);
