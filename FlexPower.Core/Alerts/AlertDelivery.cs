namespace FlexPower.Core.Alerts;

public enum AlertEvent { Raised, Cleared }

public enum DeliveryChannel { Webhook, Email }

public enum DeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// The outbox: one row per alert event and channel, written in the transaction that raised or cleared the alert, and sent
/// by the leader alone. A sender claims a row (<see cref="ClaimedUntilUtc"/>) before sending, so a row is sent by one
/// instance at a time; the row's id travels with it so a receiver can recognise a repeat after a crash.
/// </summary>
public sealed class AlertDelivery
{
    public long Id { get; set; }
    public long AlertId { get; init; }
    public AlertEvent Event { get; init; }
    public DeliveryChannel Channel { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? LastAttemptUtc { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredUtc { get; set; }
    public DateTime? ClaimedUntilUtc { get; set; }
    public string? ClaimedBy { get; set; }
}
