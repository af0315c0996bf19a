using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Alerts.Delivery;

/// <summary>
/// Sends the outbox. Runs on the leader only; claims each due row before sending it (so no two senders take the same row),
/// records every attempt, and retries a failure with exponential backoff until <see cref="AlertOptions.MaxAttempts"/>.
/// A trade or an import only ever writes the row; sending happens here, so a dead receiver never blocks them. Each channel
/// is sent on its own (<see cref="SendDueAsync"/> takes one), so a receiver that hangs delays only its own deliveries.
/// </summary>
public sealed class AlertSender(IDbContextFactory<FlexPowerDbContext> dbFactory, IEnumerable<IAlertChannel> channels, IOptions<AlertOptions> options,
    ChangeNotifier notifier, TimeProvider clock, ILogger<AlertSender> logger)
{
    private readonly string instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Sends every delivery by <paramref name="channel"/> that is due now; returns when its next pending one falls due (null: none pending).</summary>
    public async Task<DateTime?> SendDueAsync(DeliveryChannel channel, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        List<long> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            due = await db.AlertDeliveries.AsNoTracking()
                .Where(d => d.Channel == channel && d.Status == DeliveryStatus.Pending && d.NextAttemptUtc <= now && (d.ClaimedUntilUtc == null || d.ClaimedUntilUtc < now))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(100).ToListAsync(cancellationToken);
        var changed = false;
        foreach (var id in due)
            changed |= await SendOneAsync(id, settings, cancellationToken);
        if (changed) notifier.Publish(new AlertDeliveriesChanged());

        await using var read = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await read.AlertDeliveries.AsNoTracking().Where(d => d.Channel == channel && d.Status == DeliveryStatus.Pending)
            .OrderBy(d => d.NextAttemptUtc).Select(d => (DateTime?)d.NextAttemptUtc).FirstOrDefaultAsync(cancellationToken);
    }

    private Task<bool> SendOneAsync(long id, AlertOptions settings, CancellationToken cancellationToken) =>
        FlexPowerTelemetry.Start(DeliverySpan).RunAsync(() => SendOneCoreAsync(id, settings, cancellationToken));

    private const string DeliverySpan = "flexpower.alerts.delivery";

    private async Task<bool> SendOneCoreAsync(long id, AlertOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimUntil = now + settings.SendTimeout * 2 + TimeSpan.FromMinutes(1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.AlertDeliveries
            .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && (d.ClaimedUntilUtc == null || d.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntilUtc, claimUntil).SetProperty(d => d.ClaimedBy, instance), cancellationToken);
        if (claimed == 0) // another sender has it
        {
            FlexPowerTelemetry.Current(DeliverySpan).Succeeded("claimed_elsewhere");
            return false;
        }

        var delivery = await db.AlertDeliveries.SingleAsync(d => d.Id == id, cancellationToken);
        var alert = await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == delivery.AlertId, cancellationToken);
        var message = AlertMessage.Of(alert, delivery.Event);
        var span = FlexPowerTelemetry.Current(DeliverySpan).Tagged(Tags.Channel, Channel(delivery.Channel)).Tagged(Tags.AlertKind, alert.Kind)
            .Tagged(Tags.AlertEvent, delivery.Event == AlertEvent.Raised ? "raised" : "cleared");
        string? error = null;
        try
        {
            var channel = channels.FirstOrDefault(c => c.Channel == delivery.Channel && IsConfigured(c.Channel, settings))
                ?? throw new AlertDeliveryException($"the {delivery.Channel} channel is no longer configured");
            await channel.SendAsync(message, cancellationToken);
        }
        catch (AlertDeliveryException e)
        {
            error = e.Message;
        }

        var attemptedUtc = clock.GetUtcNow().UtcDateTime;
        delivery.Attempts++;
        delivery.LastAttemptUtc = attemptedUtc;
        delivery.ClaimedUntilUtc = null;
        delivery.ClaimedBy = null;
        delivery.LastError = error;
        if (error is null)
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredUtc = attemptedUtc;
            logger.LogInformation("Alert {EventId} delivered by {Channel}", message.EventId, delivery.Channel);
        }
        else if (delivery.Attempts >= settings.MaxAttempts)
        {
            delivery.Status = DeliveryStatus.Failed;
            logger.LogError("Alert {EventId} could not be delivered by {Channel} after {Attempts} attempts, giving up: {Error}", message.EventId, delivery.Channel, delivery.Attempts, error);
        }
        else
        {
            delivery.NextAttemptUtc = attemptedUtc + DeliveryBackoff.After(delivery.Attempts, settings.RetryBaseDelay, settings.MaxRetryDelay);
            logger.LogWarning("Alert {EventId} not delivered by {Channel} (attempt {Attempts}), retrying at {Next:u}: {Error}", message.EventId, delivery.Channel, delivery.Attempts, delivery.NextAttemptUtc, error);
        }
        // The claim is ours until claimUntil; nobody else wrote the row meanwhile.
        await db.SaveChangesAsync(CancellationToken.None);
        var outcome = error is null ? "sent" : delivery.Status == DeliveryStatus.Failed ? "failed" : "retrying";
        span.Succeeded(outcome);
        Metrics.Deliveries.Add(1, new KeyValuePair<string, object?>(Tags.Channel, Channel(delivery.Channel)), new KeyValuePair<string, object?>(Tags.Outcome, outcome));
        return true;
    }

    private static string Channel(DeliveryChannel channel) => channel == DeliveryChannel.Webhook ? "webhook" : "email";

    private static bool IsConfigured(DeliveryChannel channel, AlertOptions settings) =>
        channel == DeliveryChannel.Webhook ? settings.WebhookEnabled : settings.EmailEnabled;
}

/// <summary>A delivery attempt was recorded (the delivery log on the alerts page reloads).</summary>
public sealed record AlertDeliveriesChanged : Change;

/// <summary>
/// Runs <see cref="AlertSender"/> while this instance leads, one loop per channel: at once when alerts change, when a retry
/// falls due, and every poll interval.
/// </summary>
public sealed class AlertSenderWorker(AlertSender sender, LeaderElection election, ChangeNotifier notifier, IOptions<AlertOptions> options, TimeProvider clock,
    ILogger<AlertSenderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every channel, configured or not: rows left for a channel no longer configured are failed with that reason.
        var signals = Enum.GetValues<DeliveryChannel>().ToDictionary(channel => channel, _ => new SemaphoreSlim(0));
        using var _ = notifier.Subscribe<AlertsChanged>(_ =>
        {
            foreach (var signal in signals.Values) signal.Release();
            return Task.CompletedTask;
        });
        await election.RunWhileLeaderAsync(term => Task.WhenAll(signals.Select(s => SendWhileLeadingAsync(s.Key, s.Value, term))), stoppingToken);
    }

    private async Task SendWhileLeadingAsync(DeliveryChannel channel, SemaphoreSlim signal, CancellationToken term)
    {
        var poll = options.Value.PollInterval;
        while (!term.IsCancellationRequested)
        {
            var wait = poll;
            try
            {
                if (await sender.SendDueAsync(channel, term) is { } next)
                    wait = TimeSpan.FromTicks(Math.Clamp((next - clock.GetUtcNow().UtcDateTime).Ticks, TimeSpan.FromMilliseconds(10).Ticks, poll.Ticks));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending alerts by {Channel} failed; trying again in {Poll}", channel, poll);
            }
            using var woken = CancellationTokenSource.CreateLinkedTokenSource(term);
            await Task.WhenAny(signal.WaitAsync(woken.Token), Task.Delay(wait, clock, woken.Token));
            await woken.CancelAsync();
            while (signal.CurrentCount > 0) await signal.WaitAsync(term);
        }
    }
}
