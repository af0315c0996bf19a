using FlexPower.Core.Accounts;
using FlexPower.Core.Audit;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Limits;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Alerts;

public enum AlertState { Open, Cleared, All }

/// <summary>One line of the delivery log: an alert event sent (or being sent) by one channel.</summary>
public sealed record DeliveryLogEntry(long Id, long AlertId, string Kind, string Subject, AlertEvent Event, DeliveryChannel Channel, DeliveryStatus Status,
    int Attempts, DateTime CreatedUtc, DateTime? LastAttemptUtc, DateTime NextAttemptUtc, DateTime? DeliveredUtc, string? LastError);

/// <summary>An alert as the audit trail records its acknowledgement.</summary>
internal sealed record AlertAudit(long Id, string Kind, string Subject, string? AcknowledgedBy, DateTime? AcknowledgedUtc)
{
    public static AlertAudit Of(Alert a) => new(a.Id, a.Kind, a.Subject, a.AcknowledgedBy,
        a.AcknowledgedUtc is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null);
}

/// <summary>
/// Reading alerts and their delivery log, and acknowledging open alerts: for managers; a trader reads only the limit
/// breaches of their own trader id (so the app can tell them of their own breach).
/// </summary>
public sealed class AlertService(IDbContextFactory<FlexPowerDbContext> dbFactory, ChangeNotifier notifier, TimeProvider clock)
{
    /// <summary>
    /// Marks an open alert as seen by the caller; it stays open until its cause is gone. Acknowledging it again changes
    /// nothing and answers with the first acknowledgement; a cleared alert cannot be acknowledged (409).
    /// </summary>
    public async Task<Alert> AcknowledgeAsync(Caller caller, long alertId, CancellationToken cancellationToken = default)
    {
        caller.EnsureSeesDesk("Acknowledging alerts");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The alert writer's lock: a check clearing this alert at the same moment commits before or after, never in between.
        await DatabaseLocks.TakeAsync(db, DatabaseLocks.Alerts, cancellationToken);
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == alertId, cancellationToken)
            ?? throw new NotFoundException($"Alert #{alertId} does not exist.");
        if (alert.AcknowledgedUtc is not null) return alert;
        if (alert.ClearedUtc is not null) throw new ConflictException($"Alert #{alertId} is cleared already: only open alerts are acknowledged.");
        var before = AlertAudit.Of(alert);
        (alert.AcknowledgedUtc, alert.AcknowledgedBy) = (clock.GetUtcNow().UtcDateTime, caller.UserName);
        AuditTrail.Record(db, caller, alert.AcknowledgedUtc.Value, AuditKinds.AlertAcknowledged, $"#{alert.Id} {alert.Kind} {alert.Subject}", before, AlertAudit.Of(alert));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        notifier.Publish(new AlertsChanged(Raised: 0, Cleared: 0));
        return alert;
    }

    /// <summary>
    /// Open alerts oldest first; or the latest <paramref name="take"/> raised (all) or cleared, newest first. A manager
    /// gets every alert; a trader the limit alerts about their own trader id (none without one), never files or others.
    /// Optionally only one kind (<see cref="AlertKinds"/>) and only one trader's (limit alerts' subjects start with the trader id).
    /// </summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(Caller caller, AlertState state, int take = 200, string? kind = null, string? traderId = null,
        CancellationToken cancellationToken = default)
    {
        if (kind is not null && !AlertKinds.All.Contains(kind))
            throw new ValidationFailedException($"kind '{Echo.Value(kind)}' is unknown: use {string.Join(", ", AlertKinds.All)}.");
        PlainText.Require(traderId, "trader_id");
        if (!caller.SeesDesk)
        {
            // A trader's alerts are their own limit alerts: asking for another trader's finds none.
            if (caller.TraderId is null || (traderId is not null && traderId != caller.TraderId)) return [];
            traderId = caller.TraderId;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = db.Alerts.AsNoTracking();
        if (kind is not null) alerts = alerts.Where(a => a.Kind == kind);
        if (traderId is not null)
        {
            var prefix = LimitRules.SubjectPrefix(traderId);
            alerts = alerts.Where(a => (a.Kind == AlertKinds.OpenPositionLimit || a.Kind == AlertKinds.DailyLossLimit) && a.Subject.StartsWith(prefix));
        }
        if (state == AlertState.Open) return await alerts.Where(a => a.ClearedUtc == null).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        if (state == AlertState.Cleared) alerts = alerts.Where(a => a.ClearedUtc != null);
        return await alerts.OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
    }

    /// <summary>The latest deliveries, newest first.</summary>
    public async Task<IReadOnlyList<DeliveryLogEntry>> DeliveriesAsync(Caller caller, int take = 100, CancellationToken cancellationToken = default)
    {
        caller.EnsureSeesDesk("The alert delivery log");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AlertDeliveries.AsNoTracking().OrderByDescending(d => d.Id).Take(Math.Clamp(take, 1, 1000))
            .Join(db.Alerts, d => d.AlertId, a => a.Id, (d, a) => new DeliveryLogEntry(d.Id, a.Id, a.Kind, a.Subject, d.Event, d.Channel, d.Status, d.Attempts,
                d.CreatedUtc, d.LastAttemptUtc, d.NextAttemptUtc, d.DeliveredUtc, d.LastError))
            .ToListAsync(cancellationToken);
    }
}
