using System.Diagnostics;
using FlexPower.Core.Accounts;
using FlexPower.Core.Import;

namespace FlexPower.Core.Telemetry;

/// <summary>Runs an operation as a span of FlexPower's: its outcome on the span, and a failure as status Error.</summary>
public static class Traced
{
    public static async Task<T> RunAsync<T>(this Activity? activity, Func<Task<T>> work)
    {
        using (activity)
        {
            try
            {
                var result = await work();
                if (activity?.GetTagItem(Tags.Outcome) is null) activity.Succeeded();
                return result;
            }
            catch (Exception e)
            {
                activity.Failed(e);
                throw;
            }
        }
    }

    public static async Task RunAsync(this Activity? activity, Func<Task> work) =>
        await activity.RunAsync(async () =>
        {
            await work();
            return true;
        });

    /// <summary>Who a span acts for: the user, and the trader id when the caller is a trader (a name, never a credential).</summary>
    public static Activity? For(this Activity? activity, Caller caller)
    {
        activity.Tagged(Tags.User, caller.UserName);
        return caller.TraderId is null ? activity : activity.Tagged(Tags.TraderId, caller.TraderId);
    }

    /// <summary>The span of one import: the file, its kind and source and who sent it; its rows are added when its ledger line is final.</summary>
    public static Task<T> ImportAsync<T>(ImportKind kind, string fileName, ImportSource source, Caller caller, Func<Task<T>> import) =>
        FlexPowerTelemetry.Start(ImportSpan).Tagged(Tags.ImportKind, Metrics.Kind(kind)).Tagged(Tags.File, fileName).Tagged(Tags.Source, Metrics.Source(source))
            .For(caller).RunAsync(import);

    public const string ImportSpan = "flexpower.import";

    /// <summary>A finished import's rows and outcome on its span (when this flow is inside one) and on the import metrics.</summary>
    public static void Imported(ImportRecord record)
    {
        if (record.Status == ImportStatus.Incomplete) return; // a price file's first part: its line is final with the last one
        Metrics.Imported(record, record.FinishedUtc - record.StartedUtc);
        if (Activity.Current is not { OperationName: ImportSpan } span) return;
        span.SetTag(Tags.RowsRead, record.Rows).SetTag(Tags.RowsStored, record.Inserted + record.Updated)
            .SetTag(Tags.RowsDuplicate, record.Duplicates).SetTag(Tags.RowsRejected, record.Rejected)
            .SetTag(Tags.Outcome, Metrics.Outcome(record.Status));
    }

    /// <summary>The span of one report and its duration on <see cref="Metrics.ReportDuration"/>, by kind.</summary>
    public static async Task<T> ReportAsync<T>(string kind, Caller caller, string? traderId, Func<Task<T>> report)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var activity = FlexPowerTelemetry.Start("flexpower.report").Tagged(Tags.ReportKind, kind).For(caller);
            if (traderId is not null) activity.Tagged(Tags.TraderId, traderId);
            return await activity.RunAsync(report);
        }
        finally
        {
            Metrics.ReportDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(Tags.ReportKind, kind));
        }
    }
}
