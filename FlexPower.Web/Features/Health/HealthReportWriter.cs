using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using CheckStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus;

namespace FlexPower.Web.Features.Health;

public sealed record HealthReportAnswer(string Status, double DurationMs, IReadOnlyList<HealthCheckAnswer> Checks);

public sealed record HealthCheckAnswer(string Name, string Status, double DurationMs, string? Description, IReadOnlyDictionary<string, object> Data);

/// <summary>The JSON answer of <c>/health/live</c> and <c>/health/ready</c>: each check's status, duration and description, never an exception's text.</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var timeout = context.RequestServices.GetRequiredService<IOptions<HealthOptions>>().Value.CheckTimeout;
        var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var answer = new HealthReportAnswer(Name(report.Status), Milliseconds(report.TotalDuration),
            report.Entries.Select(entry => new HealthCheckAnswer(entry.Key, Name(entry.Value.Status), Milliseconds(entry.Value.Duration),
                Description(entry.Value, timeout), entry.Value.Data)).ToList());
        return context.Response.WriteAsJsonAsync(answer, json, context.RequestAborted);
    }

    private static string? Description(HealthReportEntry entry, TimeSpan timeout) => entry.Exception switch
    {
        null => entry.Description,
        OperationCanceledException => $"no answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s (Health:CheckTimeout)",
        // An unforeseen failure: its message may carry anything, so it goes to the log (ReadinessLog), not to the monitor.
        _ => "the check failed unexpectedly: see the app's log",
    };

    private static string Name(CheckStatus status) => status switch
    {
        CheckStatus.Healthy => "healthy",
        CheckStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 1);
}
