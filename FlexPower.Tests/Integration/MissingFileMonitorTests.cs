using FlexPower.Core.Accounts;
using FlexPower.Core.Alerts;
using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Import;
using FlexPower.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Integration;

/// <summary>
/// The missing-file alert on a fake clock: imports happen at chosen Berlin times, the monitor checks at chosen times. The
/// alerts live in the alerts table; <see cref="MissingFileMonitor.Current"/> is what the pages show, read back from it.
/// </summary>
public abstract class MissingFileMonitorTests(DatabaseProvider provider)
{
    private static readonly Caller Inbox = new("inbox", true, null);

    /// <summary>Trade day D's file, imported at a Berlin wall-clock time on the fake clock.</summary>
    private static async Task ImportFileForAsync(CoreHost host, DateOnly tradeDay)
    {
        var name = MissingFileSchedule.FileNameFor(tradeDay);
        var path = Path.Combine(host.Database.Directory, name);
        await File.WriteAllTextAsync(path, $"id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\nx{tradeDay:yyyyMMdd},100,1,buy,{tradeDay:yyyy-MM-dd},10,trader_1,{tradeDay:yyyy-MM-dd}T06:00:00Z\n");
        await host.Get<ImportService>().ImportFileAsync(path, new ImportRequest(name, ImportSource.Inbox, Inbox));
    }

    /// <summary>Earlier days' files arrived, so only the day under test can be missing.</summary>
    private static async Task ImportEarlierDaysAsync(CoreHost host, DateOnly tradeDay)
    {
        for (var back = 1; back <= new ImportOptions().AlertLookbackDays; back++) await ImportFileForAsync(host, tradeDay.AddDays(-back));
    }

    public static TheoryData<DateOnly> TradeDays => new()
    {
        new DateOnly(2026, 1, 14),   // an ordinary winter night
        new DateOnly(2026, 3, 28),   // the night clocks spring forward (the file is due on the 23-hour day)
        new DateOnly(2026, 10, 24),  // the night clocks fall back (the file is due on the 25-hour day)
    };

    [Theory]
    [MemberData(nameof(TradeDays))]
    public async Task FileArrivingAt0110_IsImported_AndNoAlertAt0800(DateOnly tradeDay)
    {
        var due = tradeDay.AddDays(1);
        var clock = new FakeTimeProvider();
        clock.SetBerlin(tradeDay.Year, tradeDay.Month, tradeDay.Day, 23, 30); // the evening before: across midnight from here
        await using var host = await CoreHost.StartAsync(clock, provider: provider);
        await ImportEarlierDaysAsync(host, tradeDay);
        var monitor = host.Get<MissingFileMonitor>();
        await monitor.CheckAsync(scanInbox: false, CancellationToken.None);
        Assert.Empty(monitor.Current);

        clock.SetBerlin(due.Year, due.Month, due.Day, 1, 10);
        await ImportFileForAsync(host, tradeDay);
        clock.SetBerlin(due.Year, due.Month, due.Day, 8, 0);
        await monitor.CheckAsync(scanInbox: false, CancellationToken.None);

        Assert.Empty(monitor.Current);
    }

    [Theory]
    [MemberData(nameof(TradeDays))]
    public async Task FileMissingAt0800_RaisesTheAlert_ThenArrivingAt0930_ClearsIt(DateOnly tradeDay)
    {
        var due = tradeDay.AddDays(1);
        var clock = new FakeTimeProvider();
        clock.SetBerlin(due.Year, due.Month, due.Day, 0, 0);
        await using var host = await CoreHost.StartAsync(clock, provider: provider);
        await ImportEarlierDaysAsync(host, tradeDay);
        var monitor = host.Get<MissingFileMonitor>();
        await LeadAsync(host); // the leader re-checks when a file is imported

        clock.SetBerlin(due.Year, due.Month, due.Day, 7, 59);
        var next = await monitor.CheckAsync(scanInbox: false, CancellationToken.None);
        Assert.Empty(monitor.Current);
        Assert.Equal(MissingFileSchedule.DeadlineUtc(tradeDay, new TimeOnly(8, 0)), next); // the next look is exactly at the deadline

        clock.SetBerlin(due.Year, due.Month, due.Day, 8, 0);
        await monitor.CheckAsync(scanInbox: false, CancellationToken.None);
        var alert = Assert.Single(monitor.Current);
        Assert.Equal(tradeDay, alert.TradeDay);
        Assert.Equal(MissingFileSchedule.FileNameFor(tradeDay), alert.FileName);
        Assert.Contains("08:00 Europe/Berlin", alert.Message);

        var cleared = new TaskCompletionSource();
        using var _ = host.Get<ChangeNotifier>().Subscribe<MissingFileAlertsChanged>(_ =>
        {
            if (monitor.Current.Count == 0) cleared.TrySetResult();
            return Task.CompletedTask;
        });
        clock.SetBerlin(due.Year, due.Month, due.Day, 9, 30);
        await ImportFileForAsync(host, tradeDay); // the import itself triggers the re-check

        await cleared.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Empty(monitor.Current);
        var stored = Assert.Single(await host.Get<AlertService>().ListAsync(Manager, AlertState.All, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((AlertKinds.MissingFile, alert.FileName), (stored.Kind, stored.Subject));
        Assert.Equal(alert.RaisedUtc.UtcDateTime, stored.RaisedUtc);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, stored.ClearedUtc);
        Assert.Equal($"{alert.FileName} has been imported.", stored.ClearedMessage);
    }

    [Fact]
    public async Task AnOpenAlert_IsRaisedOnce_AndShownByAnotherMonitorReadingTheSameDatabase()
    {
        var clock = new FakeTimeProvider();
        clock.SetBerlin(2026, 1, 15, 9, 0);
        await using var host = await CoreHost.StartAsync(clock, provider: provider);
        await ImportEarlierDaysAsync(host, new DateOnly(2026, 1, 14));
        var monitor = host.Get<MissingFileMonitor>();
        await monitor.CheckAsync(scanInbox: false, CancellationToken.None);
        await monitor.CheckAsync(scanInbox: false, CancellationToken.None); // a second check keeps the one alert

        Assert.Single(await host.Get<AlertService>().ListAsync(Manager, AlertState.All, cancellationToken: TestContext.Current.CancellationToken));
        // A page of another instance: a monitor that never checked, only read the table.
        var other = ActivatorUtilities.CreateInstance<MissingFileMonitor>(host.Services);
        await other.RefreshAsync(CancellationToken.None);
        Assert.Equal(monitor.Current, other.Current);
        Assert.Equal(MissingFileSchedule.FileNameFor(new DateOnly(2026, 1, 14)), other.Current.Single().FileName);
    }

    private static readonly Caller Manager = new("boss", true, null);

    private static async Task LeadAsync(CoreHost host)
    {
        var election = host.Get<LeaderElection>();
        await election.StartAsync(CancellationToken.None);
        await Wait.UntilAsync(() => election.IsLeader, "this host leads");
    }

    [Fact]
    public async Task LateFileDroppedInTheInbox_IsPickedUpByTheNextCheck()
    {
        var tradeDay = new DateOnly(2026, 1, 14);
        var clock = new FakeTimeProvider();
        clock.SetBerlin(2026, 1, 15, 8, 30);
        await using var host = await CoreHost.StartAsync(clock, new() { ["Import:StableFor"] = "00:00:00" }, provider);
        await ImportEarlierDaysAsync(host, tradeDay);
        var monitor = host.Get<MissingFileMonitor>();
        await monitor.CheckAsync(scanInbox: true, CancellationToken.None);
        Assert.Single(monitor.Current);

        var inbox = host.Get<ImportInbox>().Options.InboxDirectory;
        File.Copy(Reference.File("trades", "epex_trades_20230220.csv"), Path.Combine(inbox, MissingFileSchedule.FileNameFor(tradeDay)));
        await monitor.CheckAsync(scanInbox: true, CancellationToken.None);

        Assert.Empty(monitor.Current);
        Assert.True(File.Exists(Path.Combine(host.Get<ImportInbox>().Options.ArchiveDirectory, MissingFileSchedule.FileNameFor(tradeDay))));
    }
}

public sealed class MissingFileMonitorTests_Sqlite() : MissingFileMonitorTests(DatabaseProvider.Sqlite);

public sealed class MissingFileMonitorTests_Postgres() : MissingFileMonitorTests(DatabaseProvider.Postgres);
