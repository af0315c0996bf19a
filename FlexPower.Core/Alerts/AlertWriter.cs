using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Alerts;

/// <summary>An alert that should be open now.</summary>
public sealed record WantedAlert(string Kind, string Subject, string Message);

/// <summary>
/// The one writer of the alerts table. A check says which alerts of its scope should be open; this raises the missing ones
/// and clears the others in one transaction (serialised across instances), writing one outbox row per event and configured
/// channel in that same transaction, then announces <see cref="AlertsChanged"/>.
/// </summary>
public sealed class AlertWriter(IDbContextFactory<FlexPowerDbContext> dbFactory, ChangeNotifier notifier, IOptions<AlertOptions> options,
    TimeProvider clock, ILogger<AlertWriter> logger)
{
    /// <summary>
    /// Makes the open alerts of <paramref name="kinds"/> that <paramref name="inScope"/> accepts exactly <paramref name="wanted"/>;
    /// <paramref name="clearedMessage"/> says why an alert is no longer wanted.
    /// </summary>
    public Task SyncAsync(IReadOnlyCollection<string> kinds, Func<Alert, bool> inScope, IReadOnlyCollection<WantedAlert> wanted,
        Func<Alert, string> clearedMessage, CancellationToken cancellationToken = default) =>
        FlexPowerTelemetry.Start(SyncSpan).RunAsync(() => SyncCoreAsync(kinds, inScope, wanted, clearedMessage, cancellationToken));

    private const string SyncSpan = "flexpower.alerts.sync";

    private async Task SyncCoreAsync(IReadOnlyCollection<string> kinds, Func<Alert, bool> inScope, IReadOnlyCollection<WantedAlert> wanted,
        Func<Alert, string> clearedMessage, CancellationToken cancellationToken)
    {
        var channels = options.Value.Channels;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Most checks change nothing: only when one does is the write transaction taken (on SQLite, the one writer's lock).
        var (toRaise, toClear) = Differences(await db.Alerts.AsNoTracking().Where(a => a.ClearedUtc == null && kinds.Contains(a.Kind)).ToListAsync(cancellationToken));
        if (toRaise.Count == 0 && toClear.Count == 0) return;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DatabaseLocks.TakeAsync(db, DatabaseLocks.Alerts, cancellationToken);
        // Read again under the lock: another check may have raised or cleared some since.
        var (raisedWanted, cleared) = Differences(await db.Alerts.Where(a => a.ClearedUtc == null && kinds.Contains(a.Kind)).ToListAsync(cancellationToken));
        if (raisedWanted.Count == 0 && cleared.Count == 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var raised = raisedWanted.Select(w => new Alert { Kind = w.Kind, Subject = w.Subject, Message = w.Message, RaisedUtc = now }).ToList();

        db.Alerts.AddRange(raised);
        foreach (var alert in cleared)
        {
            alert.ClearedUtc = now;
            alert.ClearedMessage = clearedMessage(alert);
        }
        await db.SaveChangesAsync(cancellationToken); // the raised alerts get their ids
        db.AlertDeliveries.AddRange(
            from e in raised.Select(a => (a.Id, AlertEvent.Raised)).Concat(cleared.Select(a => (a.Id, AlertEvent.Cleared)))
            from channel in channels
            select new AlertDelivery { AlertId = e.Id, Event = e.Item2, Channel = channel, CreatedUtc = now, Status = DeliveryStatus.Pending, NextAttemptUtc = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Counted(raised, cleared);

        foreach (var alert in raised) logger.LogWarning("Alert raised ({Kind}, {Subject}): {Message}", alert.Kind, alert.Subject, alert.Message);
        foreach (var alert in cleared) logger.LogInformation("Alert cleared ({Kind}, {Subject}): {Message}", alert.Kind, alert.Subject, alert.ClearedMessage);
        notifier.Publish(new AlertsChanged(raised.Count, cleared.Count));

        (List<WantedAlert> Raise, List<Alert> Clear) Differences(List<Alert> open) =>
            (wanted.Where(w => !open.Any(a => a.Kind == w.Kind && a.Subject == w.Subject)).ToList(),
             open.Where(a => inScope(a) && !wanted.Any(w => w.Kind == a.Kind && w.Subject == a.Subject)).ToList());
    }

    private static void Counted(List<Alert> raised, List<Alert> cleared)
    {
        foreach (var alert in raised) Metrics.AlertsRaised.Add(1, new KeyValuePair<string, object?>(Tags.AlertKind, alert.Kind));
        foreach (var alert in cleared) Metrics.AlertsCleared.Add(1, new KeyValuePair<string, object?>(Tags.AlertKind, alert.Kind));
        FlexPowerTelemetry.Current(SyncSpan).Tagged(Tags.AlertsRaised, raised.Count).Tagged(Tags.AlertsCleared, cleared.Count);
    }
}
