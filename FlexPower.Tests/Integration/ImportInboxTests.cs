using FlexPower.Core.Accounts;
using FlexPower.Core.Import;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Integration;

public sealed class ImportInboxTests
{
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
}
