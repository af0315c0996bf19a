using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FlexPower.Core.Telemetry;

/// <summary>
/// FlexPower's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <see cref="Name"/>. Without a listener
/// (no OpenTelemetry SDK registered) a span is never created and a measurement costs a check, so the hot paths need no guard.
/// </summary>
public static class FlexPowerTelemetry
{
    public const string Name = "FlexPower";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    /// <summary>Starts a span of FlexPower's (null when nobody listens).</summary>
    public static Activity? Start(string name, ActivityKind kind = ActivityKind.Internal) => Source.StartActivity(name, kind);

    /// <summary>Marks a span as failed: its outcome (unless the operation set one), the exception's type and status Error (the message can hold a client's input, so it stays out).</summary>
    public static void Failed(this Activity? activity, Exception e)
    {
        if (activity is null) return;
        if (activity.GetTagItem(Tags.Outcome) is null) activity.SetTag(Tags.Outcome, Outcomes.Error);
        activity.SetTag("error.type", e.GetType().FullName);
        activity.SetStatus(ActivityStatusCode.Error);
    }

    /// <summary>The current span if it is FlexPower's span <paramref name="name"/> (another span, such as a request's, is left alone).</summary>
    public static Activity? Current(string name) => Activity.Current is { } current && current.Source == Source && current.OperationName == name ? current : null;

    /// <summary>Sets an attribute on a span that may not exist (nobody listening), so a span's attributes read as one chain.</summary>
    public static Activity? Tagged(this Activity? activity, string key, object? value) => activity?.SetTag(key, value);

    public static void Succeeded(this Activity? activity, string outcome = Outcomes.Ok) => activity?.SetTag(Tags.Outcome, outcome);
}

/// <summary>The attribute names FlexPower puts on its spans and measurements. None of them carries a secret or a price.</summary>
public static class Tags
{
    public const string TraderId = "flexpower.trader_id";
    public const string User = "flexpower.user";
    public const string File = "flexpower.file";
    public const string ImportKind = "flexpower.import.kind";
    public const string Source = "flexpower.source";
    public const string RowsRead = "flexpower.rows.read";
    public const string RowsStored = "flexpower.rows.stored";
    public const string RowsDuplicate = "flexpower.rows.duplicate";
    public const string RowsRejected = "flexpower.rows.rejected";
    public const string Outcome = "flexpower.outcome";
    public const string ReportKind = "flexpower.report.kind";
    public const string AlertKind = "flexpower.alert.kind";
    public const string AlertEvent = "flexpower.alert.event";
    public const string Channel = "flexpower.alert.channel";
    public const string AlertsRaised = "flexpower.alerts.raised";
    public const string AlertsCleared = "flexpower.alerts.cleared";
    public const string Trades = "flexpower.trades";
    public const string Traders = "flexpower.traders";
    public const string Job = "flexpower.job";
    public const string Circuit = "flexpower.circuit.event";
}

public static class Outcomes
{
    public const string Ok = "ok";
    public const string Error = "error";
}
