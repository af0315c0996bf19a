using System.Diagnostics;
using System.Diagnostics.Metrics;
using FlexPower.Core.Import;

namespace FlexPower.Core.Telemetry;

/// <summary>The instruments of FlexPower's <see cref="FlexPowerTelemetry.Meter"/>, each defined here once (the table is in docs/observability.md).</summary>
public static class Metrics
{
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
    };

    public static readonly Counter<long> TradesStored =
        FlexPowerTelemetry.Meter.CreateCounter<long>("flexpower.trades.stored", "{trade}", "Trades stored, by source (request: API and pages one at a time; or the import's source)");

    public static readonly Counter<long> ImportRows =
        FlexPowerTelemetry.Meter.CreateCounter<long>("flexpower.import.rows", "{row}", "Rows of finished imports, by kind and outcome (read, stored, duplicate, rejected)");

    public static readonly Histogram<double> ImportDuration =
        FlexPowerTelemetry.Meter.CreateHistogram("flexpower.import.duration", "s", "How long an import took, by kind and outcome", advice: Seconds);

    public static readonly Histogram<double> ReportDuration =
        FlexPowerTelemetry.Meter.CreateHistogram("flexpower.report.duration", "s", "How long a report took, by kind", advice: Seconds);

    public static readonly Counter<long> AlertsRaised =
        FlexPowerTelemetry.Meter.CreateCounter<long>("flexpower.alerts.raised", "{alert}", "Alerts raised, by kind");

    public static readonly Counter<long> AlertsCleared =
        FlexPowerTelemetry.Meter.CreateCounter<long>("flexpower.alerts.cleared", "{alert}", "Alerts cleared, by kind");

    public static readonly Counter<long> Deliveries =
        FlexPowerTelemetry.Meter.CreateCounter<long>("flexpower.alerts.deliveries", "{delivery}", "Alert delivery attempts, by channel and outcome (sent, retrying, failed)");

    public static readonly Counter<long> CircuitsOpened =
        FlexPowerTelemetry.Meter.CreateCounter<long>("flexpower.circuits.opened", "{circuit}", "Blazor circuits (browser tabs on a page) opened");

    public static readonly Counter<long> CircuitsClosed =
        FlexPowerTelemetry.Meter.CreateCounter<long>("flexpower.circuits.closed", "{circuit}", "Blazor circuits closed");

    public static readonly UpDownCounter<long> CircuitsActive =
        FlexPowerTelemetry.Meter.CreateUpDownCounter<long>("flexpower.circuits.active", "{circuit}", "Blazor circuits open now");

    /// <summary>The rows and duration of an import whose ledger line is final, and the trades it stored.</summary>
    public static void Imported(ImportRecord record, TimeSpan elapsed)
    {
        var kind = Kind(record.Kind);
        var outcome = Outcome(record.Status);
        ImportRows.Add(record.Rows, Row(kind, "read"));
        ImportRows.Add(record.Inserted + record.Updated, Row(kind, "stored"));
        ImportRows.Add(record.Duplicates, Row(kind, "duplicate"));
        ImportRows.Add(record.Rejected, Row(kind, "rejected"));
        ImportDuration.Record(elapsed.TotalSeconds, new(Tags.ImportKind, kind), new(Tags.Outcome, outcome));
        if (record.Kind == Import.ImportKind.Trades && record.Inserted > 0) TradesStored.Add(record.Inserted, new KeyValuePair<string, object?>(Tags.Source, Source(record.Source)));
    }

    private static TagList Row(string kind, string outcome) => new() { { Tags.ImportKind, kind }, { Tags.Outcome, outcome } };

    public static string Kind(ImportKind kind) => kind == Import.ImportKind.Trades ? "trades" : "prices";

    public static string Outcome(ImportStatus status) => status switch
    {
        ImportStatus.Imported => "imported",
        ImportStatus.AlreadyImported => "already_imported",
        ImportStatus.Failed => "failed",
        _ => "incomplete",
    };

    public static string Source(ImportSource source) => source switch
    {
        ImportSource.Upload => "upload",
        ImportSource.Api => "api",
        ImportSource.Inbox => "inbox",
        _ => "command_line",
    };
}
