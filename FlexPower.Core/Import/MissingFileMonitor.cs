using FlexPower.Core.Common;
using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Import;

/// <summary>
/// Holds the open missing-file alerts. Each check looks in the inbox first (so a late file is picked up promptly),
/// then compares the ledger with <see cref="MissingFileSchedule"/>. An import of an overdue file re-checks at once,
/// so its alert clears by itself. All time comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class MissingFileMonitor
{
    private readonly ImportInbox inbox;
    private readonly IDbContextFactory<FlexPowerDbContext> dbFactory;
    private readonly TimeProvider clock;
    private readonly ILogger<MissingFileMonitor> logger;
    private readonly ImportOptions options;
    private readonly Lock gate = new();
    private readonly ChangeNotifier notifier;
    private IReadOnlyList<MissingFileAlert> current = [];

    public MissingFileMonitor(ImportInbox inbox, ChangeNotifier notifier, IDbContextFactory<FlexPowerDbContext> dbFactory, IOptions<ImportOptions> options, TimeProvider clock, ILogger<MissingFileMonitor> logger)
    {
        (this.inbox, this.notifier, this.dbFactory, this.clock, this.logger, this.options) = (inbox, notifier, dbFactory, clock, logger, options.Value);
        // An import of an overdue file clears its alert at once, whichever route imported it.
        notifier.Subscribe<ImportRecorded>(recorded =>
            MissingFileSchedule.TryParseFileName(recorded.FileName, out var day) && Current.Any(a => a.TradeDay == day)
                ? CheckAsync(scanInbox: false, CancellationToken.None)
                : Task.CompletedTask);
    }

    public IReadOnlyList<MissingFileAlert> Current { get { lock (gate) return current; } }

    /// <summary>Re-evaluates the alerts; returns when to check next.</summary>
    public async Task<DateTimeOffset> CheckAsync(bool scanInbox, CancellationToken cancellationToken)
    {
        if (scanInbox) await inbox.ScanAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var imported = await ImportedTradeDaysAsync(now, cancellationToken);
        var (missing, next) = MissingFileSchedule.Evaluate(now, options, imported);

        bool changed;
        lock (gate)
        {
            var kept = current.Where(a => missing.Contains(a.TradeDay)).ToList();
            var raised = missing.Where(day => kept.All(a => a.TradeDay != day))
                .Select(day => new MissingFileAlert(day, MissingFileSchedule.FileNameFor(day), MissingFileSchedule.DeadlineUtc(day, options.ExpectedBy), now))
                .ToList();
            foreach (var alert in raised) logger.LogWarning("Missing exchange file: {Message}", alert.Message);
            foreach (var cleared in current.Except(kept)) logger.LogInformation("Missing-file alert cleared: {FileName} has been imported", cleared.FileName);
            changed = raised.Count > 0 || kept.Count != current.Count;
            current = [.. kept, .. raised];
        }
        if (changed) notifier.Publish(new MissingFileAlertsChanged());
        return next;
    }

    private async Task<HashSet<DateOnly>> ImportedTradeDaysAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Common.BerlinTime.Zone).DateTime);
        var candidates = Enumerable.Range(1, Math.Max(1, options.AlertLookbackDays)).Select(back => MissingFileSchedule.FileNameFor(today.AddDays(-back))).ToList();
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

/// <summary>The set of open missing-file alerts changed (pages refresh their alert strip).</summary>
public sealed record MissingFileAlertsChanged : Change;
