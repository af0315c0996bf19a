using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Alerts;

public enum AlertState { Open, Cleared, All }

/// <summary>One line of the delivery log: an alert event sent (or being sent) by one channel.</summary>
public sealed record DeliveryLogEntry(long Id, long AlertId, string Kind, string Subject, AlertEvent Event, DeliveryChannel Channel, DeliveryStatus Status,
    int Attempts, DateTime CreatedUtc, DateTime? LastAttemptUtc, DateTime NextAttemptUtc, DateTime? DeliveredUtc, string? LastError);

/// <summary>Reading alerts and their delivery log: for managers.</summary>
public sealed class AlertService(IDbContextFactory<FlexPowerDbContext> dbFactory)
{
    /// <summary>Open alerts oldest first; or the latest <paramref name="take"/> raised (all) or cleared, newest first.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(Caller caller, AlertState state, int take = 200, CancellationToken cancellationToken = default)
    {
        caller.EnsureSeesDesk("Alerts");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = db.Alerts.AsNoTracking();
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
