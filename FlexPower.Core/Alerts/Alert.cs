namespace FlexPower.Core.Alerts;

/// <summary>
/// Something a manager must know about, open from <see cref="RaisedUtc"/> until <see cref="ClearedUtc"/>. At most one alert
/// per kind and subject is open at a time (a unique index), so two instances never raise the same one twice.
/// </summary>
public sealed class Alert
{
    public long Id { get; set; }
    public required string Kind { get; init; }
    public required string Subject { get; init; }
    public required string Message { get; set; }
    public DateTime RaisedUtc { get; init; }
    public DateTime? ClearedUtc { get; set; }
    public string? ClearedMessage { get; set; }
    public DateTime? AcknowledgedUtc { get; set; }
    public string? AcknowledgedBy { get; set; }
}

/// <summary>The kinds of alert FlexPower raises.</summary>
public static class AlertKinds
{
    public const string MissingFile = "missing_file";
    public const string OpenPositionLimit = "open_position_limit";
    public const string DailyLossLimit = "daily_loss_limit";

    public static IReadOnlyList<string> All { get; } = [MissingFile, OpenPositionLimit, DailyLossLimit];
}
