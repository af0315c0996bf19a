using FlexPower.Core.Alerts;
using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Import;

/// <summary>
/// The missing-file alerts, kept in the alerts table. The leader checks: it looks in the inbox first (so a late file is
/// picked up promptly), then compares the ledger with <see cref="MissingFileSchedule"/> and raises or clears the alerts.
/// An import of an overdue file (by any route, in any instance) re-checks at once, so its alert clears by itself. Every
/// instance keeps the open ones in <see cref="Current"/> for its pages, reloaded whenever alerts change anywhere.
/// All time comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class MissingFileMonitor(ImportInbox inbox, ChangeNotifier notifier, IDbContextFactory<FlexPowerDbContext> dbFactory, AlertWriter alerts,
    LeaderElection election, IOptions<ImportOptions> options, TimeProvider clock) : IChangeListener
{
    private static readonly string[] Kinds = [AlertKinds.MissingFile];
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private IReadOnlyList<MissingFileAlert> current = [];

    public Task OnChangeAsync(Change change) => change switch
    {
        // An import of an overdue file clears its alert at once, whichever route or instance imported it; the leader writes.
        ImportRecorded recorded when election.IsLeader && MissingFileSchedule.TryParseFileName(recorded.FileName, out var day) && Current.Any(a => a.TradeDay == day)
            => CheckAsync(scanInbox: false, CancellationToken.None),
        AlertsChanged => RefreshAsync(CancellationToken.None),
        _ => Task.CompletedTask,
    };

    /// <summary>The open missing-file alerts as last read from the database.</summary>
    public IReadOnlyList<MissingFileAlert> Current => Volatile.Read(ref current);

    /// <summary>Re-evaluates the alerts (the leader's job); returns when to check next.</summary>
    public Task<DateTimeOffset> CheckAsync(bool scanInbox, CancellationToken cancellationToken) =>
        FlexPowerTelemetry.Start("flexpower.job.missing_files").RunAsync(() => CheckCoreAsync(scanInbox, cancellationToken));

    private async Task<DateTimeOffset> CheckCoreAsync(bool scanInbox, CancellationToken cancellationToken)
    {
        if (scanInbox) await inbox.ScanAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var imported = await ImportedTradeDaysAsync(now, cancellationToken);
        var (missing, next) = MissingFileSchedule.Evaluate(now, options.Value, imported);
        var wanted = missing.Select(day => new MissingFileAlert(day, MissingFileSchedule.FileNameFor(day), MissingFileSchedule.DeadlineUtc(day, options.Value.ExpectedBy), now))
            .Select(a => new WantedAlert(AlertKinds.MissingFile, a.FileName, a.Message)).ToList();
        await alerts.SyncAsync(Kinds, _ => true, wanted, alert =>
            MissingFileSchedule.TryParseFileName(alert.Subject, out var day) && imported.Contains(day)
                ? $"{alert.Subject} has been imported."
                : $"{alert.Subject} is older than Import:AlertLookbackDays ({options.Value.AlertLookbackDays}) and no longer tracked.", cancellationToken);
        await RefreshAsync(cancellationToken);
        return next;
    }

    /// <summary>Reloads <see cref="Current"/> from the alerts table; announces <see cref="MissingFileAlertsChanged"/> here when it changed.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.Alerts.AsNoTracking().Where(a => a.ClearedUtc == null && a.Kind == AlertKinds.MissingFile).OrderBy(a => a.Subject).ToListAsync(cancellationToken);
            var loaded = rows.Select(a => MissingFileSchedule.TryParseFileName(a.Subject, out var day)
                    ? new MissingFileAlert(day, a.Subject, MissingFileSchedule.DeadlineUtc(day, options.Value.ExpectedBy), new DateTimeOffset(DateTime.SpecifyKind(a.RaisedUtc, DateTimeKind.Utc)))
                    : null)
                .OfType<MissingFileAlert>().ToList();
            var before = Current;
            Volatile.Write(ref current, loaded);
            if (!before.SequenceEqual(loaded)) notifier.Publish(new MissingFileAlertsChanged());
        }
        finally
        {
            refreshing.Release();
        }
    }

    private async Task<HashSet<DateOnly>> ImportedTradeDaysAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = BerlinTime.DayOf(now);
        var candidates = Enumerable.Range(1, Math.Max(1, options.Value.AlertLookbackDays)).Select(back => MissingFileSchedule.FileNameFor(today.AddDays(-back))).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var imported = await db.Imports.AsNoTracking()
            .Where(i => (i.Status == ImportStatus.Imported || i.Status == ImportStatus.AlreadyImported) && candidates.Contains(i.FileName))
            .Select(i => i.FileName).Distinct().ToListAsync(cancellationToken);
        var days = new HashSet<DateOnly>();
        foreach (var name in imported)
            if (MissingFileSchedule.TryParseFileName(name, out var day)) days.Add(day);
        return days;
    }
}

/// <summary>
/// This instance's <see cref="MissingFileMonitor.Current"/> changed (pages refresh their alert strip). Each instance derives it
/// from the <see cref="Alerts.AlertsChanged"/> that reach it, so it stays where it was made.
/// </summary>
public sealed record MissingFileAlertsChanged : Change
{
    public override bool CrossesInstances => false;
}
