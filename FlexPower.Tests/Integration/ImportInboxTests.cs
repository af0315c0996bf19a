using System.Diagnostics;
using FlexPower.Core.Accounts;
using FlexPower.Core.Import;
using FlexPower.Core.Prices;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Integration;

public sealed class ImportInboxTests
{
    private static readonly Caller Boss = new("boss", true, null);

    private static async Task<int> TradeCountAsync(CoreHost host) =>
        (await host.Get<TradeService>().GetTotalsAsync(Boss, new TradeFilter(), TestContext.Current.CancellationToken)).TradeCount;

    /// <summary>An exchange file's first or second half: <paramref name="rows"/> good rows from <paramref name="from"/> on, the header only before the first.</summary>
    private static string Rows(int from, int rows) =>
        (from == 0 ? TradeFile.Header + "\n" : "") + string.Concat(Enumerable.Range(from, rows).Select(i => TradeFile.GoodRow(i) + "\n"));

    [Fact]
    public async Task Scan_ImportsAndArchivesExchangeFiles_MovesUnreadableOnesToFailed_LeavesOtherNamesAlone()
    {
        await using var host = await CoreHost.StartAsync();
        var inbox = host.Get<ImportInbox>();
        var options = inbox.Options;
        Directory.CreateDirectory(options.InboxDirectory);
        File.Copy(Reference.File("trades", "epex_trades_20230220.csv"), Path.Combine(options.InboxDirectory, "epex_trades_20230220.csv"));
        File.WriteAllText(Path.Combine(options.InboxDirectory, "epex_trades_20230221.csv"), "this is not,a trade file\n");
        File.WriteAllText(Path.Combine(options.InboxDirectory, "notes.txt"), "hello");

        await inbox.ScanAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(options.ArchiveDirectory, "epex_trades_20230220.csv")));
        Assert.True(File.Exists(Path.Combine(options.FailedDirectory, "epex_trades_20230221.csv")));
        Assert.Equal(["notes.txt"], Directory.GetFiles(options.InboxDirectory).Select(Path.GetFileName));
        var ledger = await host.Get<ImportService>().ListAsync(new Caller("boss", true, null), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([(ImportSource.Inbox, ImportStatus.Failed), (ImportSource.Inbox, ImportStatus.Imported)], ledger.Select(i => (i.Source, i.Status)));
        Assert.Contains("missing required column", ledger[0].Message);
        Assert.Equal(3, (await host.Get<TradeService>().GetTotalsAsync(new Caller("boss", true, null), new TradeFilter(), TestContext.Current.CancellationToken)).TradeCount);
    }

    [Fact]
    public async Task Scan_FileStillBeingWritten_IsLeftForTheNextScan()
    {
        // The inbox waits Import:StableFor on the fake clock: the test writes more while the scan waits, then lets the time pass.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await CoreHost.StartAsync(clock, new() { ["Import:StableFor"] = "00:00:02" });
        var inbox = host.Get<ImportInbox>();
        Directory.CreateDirectory(inbox.Options.InboxDirectory);
        var path = Path.Combine(inbox.Options.InboxDirectory, "epex_trades_20230220.csv");
        await using (var writing = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            await writing.WriteAsync("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\n"u8.ToArray(), TestContext.Current.CancellationToken);
            await writing.FlushAsync(TestContext.Current.CancellationToken);
            var scan = inbox.ScanAsync(CancellationToken.None);
            await writing.WriteAsync("t_1,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z\n"u8.ToArray(), TestContext.Current.CancellationToken); // still growing
            await writing.FlushAsync(TestContext.Current.CancellationToken);
            clock.Advance(TimeSpan.FromSeconds(2));
            await scan;
            Assert.True(File.Exists(path)); // not taken while incomplete
        }

        var next = inbox.ScanAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        await next;

        Assert.False(File.Exists(path));
        Assert.Equal(1, (await host.Get<TradeService>().GetTotalsAsync(new Caller("boss", true, null), new TradeFilter(), TestContext.Current.CancellationToken)).TradeCount);
    }

    [Fact]
    public async Task Scan_FileAnotherProcessStillHasOpenForWriting_IsNotTaken_HoweverLongTheWriterPauses()
    {
        await using var host = await CoreHost.StartAsync();
        var inbox = host.Get<ImportInbox>();
        Directory.CreateDirectory(inbox.Options.InboxDirectory);
        var path = Path.Combine(inbox.Options.InboxDirectory, "epex_trades_20230220.csv");
        var (first, second) = (Path.Combine(host.Database.Directory, "first.csv"), Path.Combine(host.Database.Directory, "second.csv"));
        File.WriteAllText(first, Rows(0, 1_000));
        File.WriteAllText(second, Rows(1_000, 1_000));
        // A writer like the exchange's: it writes half the file, then pauses with the file open (here until the test says go on).
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, ArgumentList = { "-c", "exec >\"$0\"; cat \"$1\"; read pause; cat \"$2\"", path, first, second } };
        using var writer = Process.Start(start)!;
        await Wait.UntilAsync(() => File.Exists(path) && new FileInfo(path).Length == new FileInfo(first).Length, "the writer wrote the first half");

        await inbox.ScanAsync(TestContext.Current.CancellationToken); // the writer pauses far longer than Import:StableFor

        Assert.True(File.Exists(path));
        Assert.Equal(0, await TradeCountAsync(host));

        writer.StandardInput.Close();
        await writer.WaitForExitAsync(TestContext.Current.CancellationToken);
        await inbox.ScanAsync(TestContext.Current.CancellationToken);

        Assert.False(File.Exists(path));
        Assert.Equal(2_000, await TradeCountAsync(host));
        var import = Assert.Single(await host.Get<ImportService>().ListAsync(Boss, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((ImportStatus.Imported, 2_000, 2_000), (import.Status, import.Rows, import.Inserted));
    }

    [Fact]
    public async Task Scan_FileWrittenToAfterItWasTaken_StaysInTheInbox_AndIsImportedAgainWhole_SayingSoInTheLedger()
    {
        var logs = new LogCapture();
        await using var host = await CoreHost.StartAsync(logs: logs);
        var inbox = host.Get<ImportInbox>();
        Directory.CreateDirectory(inbox.Options.InboxDirectory);
        var path = Path.Combine(inbox.Options.InboxDirectory, "epex_trades_20230220.csv");
        File.WriteAllText(path, Rows(0, 1_000));

        // The database's write lock held by the test: the import cannot commit before the test has written more.
        await using (var blocker = new SqliteConnection(host.Database.ConnectionString))
        {
            await blocker.OpenAsync(TestContext.Current.CancellationToken);
            await using (var begin = blocker.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
            var scan = inbox.ScanAsync(TestContext.Current.CancellationToken);
            await Wait.UntilAsync(() => logs.MessagesOf<ImportInbox>().Any(m => m.Contains("importing epex_trades_20230220.csv")), "the inbox took the file");
            File.AppendAllText(path, Rows(1_000, 1_000));
            await using (var rollback = blocker.CreateCommand())
            {
                rollback.CommandText = "ROLLBACK";
                await rollback.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }
            await scan;
        }

        Assert.True(File.Exists(path)); // not archived with rows that were never imported
        Assert.Equal(1_000, await TradeCountAsync(host));
        Assert.Contains(logs.MessagesOf<ImportInbox>(), m => m.Contains("was written to after import #1 took it"));

        await inbox.ScanAsync(TestContext.Current.CancellationToken);

        Assert.False(File.Exists(path));
        Assert.Equal(2_000, await TradeCountAsync(host));
        var ledger = await host.Get<ImportService>().ListAsync(Boss, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([(2_000, 1_000, 1_000), (1_000, 1_000, 0)], ledger.Select(i => (i.Rows, i.Inserted, i.Duplicates)));
        Assert.Contains("was written to after import #1 took it", ledger[0].Message);
    }

    [Fact]
    public async Task Scan_TakesOnlyRegularFilesOfTheInbox_MovesLinksAndSpecialFilesToFailedUnread_AndGoesOnWithTheRest()
    {
        var logs = new LogCapture();
        await using var host = await CoreHost.StartAsync(logs: logs);
        var inbox = host.Get<ImportInbox>();
        var folder = inbox.Options.InboxDirectory;
        Directory.CreateDirectory(folder);
        var secret = Path.Combine(host.Database.Directory, "secret.csv");
        File.WriteAllText(secret, "SECRET-FIRST-LINE:x:0:0:root\n");
        var outsidePrices = Path.Combine(host.Database.Directory, "prices.csv");
        File.Copy(Path.Combine(Reference.RepositoryRoot, "docs", "samples", "prices_day-ahead_20230228.csv"), outsidePrices);
        File.CreateSymbolicLink(Path.Combine(folder, "epex_trades_20230220.csv"), secret);
        File.CreateSymbolicLink(Path.Combine(folder, "prices_day-ahead_20230228.csv"), outsidePrices);
        File.CreateSymbolicLink(Path.Combine(folder, "epex_trades_20230221.csv"), "/dev/zero");
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(folder, "epex_trades_20230222.csv"))) await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        File.Copy(Reference.File("trades", "epex_trades_20230220.csv"), Path.Combine(folder, "epex_trades_20230223.csv"));

        // A FIFO nobody writes or an endless device would hold the scan for ever: it must end, and soon.
        await inbox.ScanAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Empty(Directory.GetFileSystemEntries(folder));
        Assert.True(File.Exists(Path.Combine(inbox.Options.ArchiveDirectory, "epex_trades_20230223.csv")));
        Assert.Equal(3, await TradeCountAsync(host));
        Assert.Empty(await host.Get<PriceService>().SeriesAsync(TestContext.Current.CancellationToken));
        var failed = inbox.Options.FailedDirectory;
        Assert.Equal(secret, new FileInfo(Path.Combine(failed, "epex_trades_20230220.csv")).LinkTarget); // the link itself, moved
        Assert.Equal(outsidePrices, new FileInfo(Path.Combine(failed, "prices_day-ahead_20230228.csv")).LinkTarget);
        Assert.Equal("/dev/zero", new FileInfo(Path.Combine(failed, "epex_trades_20230221.csv")).LinkTarget);
        Assert.True(File.Exists(Path.Combine(failed, "epex_trades_20230222.csv")));
        Assert.Equal("SECRET-FIRST-LINE:x:0:0:root\n", File.ReadAllText(secret)); // untouched
        Assert.True(File.Exists(outsidePrices));

        var ledger = await host.Get<ImportService>().ListAsync(Boss, cancellationToken: TestContext.Current.CancellationToken);
        var refused = ledger.Where(i => i.Status == ImportStatus.Failed).OrderBy(i => i.FileName, StringComparer.Ordinal).ToList();
        Assert.Equal(["epex_trades_20230220.csv", "epex_trades_20230221.csv", "epex_trades_20230222.csv", "prices_day-ahead_20230228.csv"], refused.Select(i => i.FileName));
        Assert.All(refused.Where(i => i.FileName != "epex_trades_20230222.csv"), i => Assert.Contains("is a symbolic link", i.Message));
        Assert.Contains("not a regular file", refused.Single(i => i.FileName == "epex_trades_20230222.csv").Message);
        Assert.Equal(ImportKind.Prices, refused.Single(i => i.FileName.StartsWith("prices_")).Kind);
        Assert.DoesNotContain(ledger, i => i.Message?.Contains("SECRET") == true);
        Assert.DoesNotContain(logs.MessagesAtLeast(Microsoft.Extensions.Logging.LogLevel.Debug), m => m.Contains("SECRET"));
        Assert.Equal(4, logs.MessagesOf<ImportInbox>().Count(m => m.Contains("moved to") && m.Contains("failed")));
    }

    [Fact]
    public async Task Scan_LeavesAWritersTemporaryNamesAlone_WithoutAWarning_AndTakesTheFileOnceRenamed()
    {
        var logs = new LogCapture();
        await using var host = await CoreHost.StartAsync(logs: logs);
        var inbox = host.Get<ImportInbox>();
        Directory.CreateDirectory(inbox.Options.InboxDirectory);
        var final = Path.Combine(inbox.Options.InboxDirectory, "epex_trades_20230220.csv");
        foreach (var temporary in new[] { ".epex_trades_20230220.csv", "epex_trades_20230220.csv.part", "epex_trades_20230220.csv.tmp" })
            File.Copy(Reference.File("trades", "epex_trades_20230220.csv"), Path.Combine(inbox.Options.InboxDirectory, temporary));

        await inbox.ScanAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, Directory.GetFiles(inbox.Options.InboxDirectory).Length);
        Assert.Empty(logs.MessagesOf<ImportInbox>());
        File.Move(Path.Combine(inbox.Options.InboxDirectory, "epex_trades_20230220.csv.part"), final);
        await inbox.ScanAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, await TradeCountAsync(host));
    }

    [Fact]
    public async Task Scan_FileLargerThanMaxUploadBytes_IsMovedToFailedUnread()
    {
        await using var host = await CoreHost.StartAsync(settings: new() { ["Import:MaxUploadBytes"] = "10000" });
        var inbox = host.Get<ImportInbox>();
        Directory.CreateDirectory(inbox.Options.InboxDirectory);
        TradeFile.Write(inbox.Options.InboxDirectory, "epex_trades_20230220.csv", rows: 1_000);

        await inbox.ScanAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(Path.Combine(inbox.Options.FailedDirectory, "epex_trades_20230220.csv")));
        Assert.Equal(0, await TradeCountAsync(host));
        var import = Assert.Single(await host.Get<ImportService>().ListAsync(Boss, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(ImportStatus.Failed, import.Status);
        Assert.Contains("more than Import:MaxUploadBytes", import.Message);
    }
}
