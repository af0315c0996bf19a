using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlexPower.Core.Alerts.Delivery;

/// <summary>
/// What is sent for one alert event, the same on every channel and every attempt: the webhook's JSON body, the e-mail's
/// subject and text, and the event id receivers use to drop a repeat (after a crash between sending and recording).
/// </summary>
public sealed record AlertMessage(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("alert_id")] long AlertId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("raised_utc")] DateTime RaisedUtc,
    [property: JsonPropertyName("cleared_utc")] DateTime? ClearedUtc,
    [property: JsonPropertyName("cleared_message")] string? ClearedMessage)
{
    public const string SignatureHeader = "X-FlexPower-Signature";
    public const string EventIdHeader = "X-FlexPower-Event-Id";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static AlertMessage Of(Alert alert, AlertEvent alertEvent)
    {
        var name = alertEvent == AlertEvent.Raised ? "raised" : "cleared";
        return new AlertMessage(EventIdOf(alert.Id, alertEvent), name, alert.Id, alert.Kind, alert.Subject, alert.Message,
            DateTime.SpecifyKind(alert.RaisedUtc, DateTimeKind.Utc),
            alertEvent == AlertEvent.Cleared && alert.ClearedUtc is { } c ? DateTime.SpecifyKind(c, DateTimeKind.Utc) : null,
            alertEvent == AlertEvent.Cleared ? alert.ClearedMessage : null);
    }

    /// <summary>One id per alert event: the webhook and the e-mail of one event carry the same.</summary>
    public static string EventIdOf(long alertId, AlertEvent alertEvent) => $"alert-{alertId}-{(alertEvent == AlertEvent.Raised ? "raised" : "cleared")}";

    public byte[] Body() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The <see cref="SignatureHeader"/> value: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact body bytes.</summary>
    public static string Signature(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public string MailSubject => $"[FlexPower] {(Event == "raised" ? "Alert" : "Cleared")}: {Subject}";

    public string MailText => new StringBuilder()
        .AppendLine(Event == "raised" ? "An alert was raised." : "An alert was cleared.")
        .AppendLine()
        .AppendLine($"Kind:    {Kind}")
        .AppendLine($"Subject: {Subject}")
        .AppendLine($"Raised:  {RaisedUtc:yyyy-MM-dd HH:mm:ss} UTC")
        .AppendLine(ClearedUtc is { } c ? $"Cleared: {c:yyyy-MM-dd HH:mm:ss} UTC" : "")
        .AppendLine()
        .AppendLine(Message)
        .AppendLine(ClearedMessage ?? "")
        .AppendLine()
        .AppendLine($"Event id: {EventId}")
        .ToString();
}

/// <summary>When a failed delivery is tried again: the base delay doubled per earlier failure, capped.</summary>
public static class DeliveryBackoff
{
    public static TimeSpan After(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var factor = Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(baseDelay.Ticks * factor, maxDelay.Ticks));
        return delay;
    }
}
