using Microsoft.Extensions.Diagnostics.HealthChecks;
using CheckStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus;

namespace FlexPower.Web.Features.Health;

/// <summary>
/// Logs when this instance becomes unready, with the reasons, and when it is ready again: once per change, not once per
/// probe (the health check service's own per-probe lines are turned off in appsettings.json).
/// </summary>
public sealed class ReadinessLog(ILogger<ReadinessLog> logger)
{
    private readonly Lock gate = new();
    private string? lastProblems;

    public void Observe(HealthReport report)
    {
        var problems = report.Status == CheckStatus.Healthy ? null
            : string.Join("; ", report.Entries.Where(e => e.Value.Status != CheckStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}"));
        lock (gate)
        {
            if (problems == lastProblems) return;
            lastProblems = problems;
        }
        if (problems is null) logger.LogInformation("Ready again: every readiness check passes");
        else logger.LogWarning("Not ready: {Problems}", problems);
    }
}
