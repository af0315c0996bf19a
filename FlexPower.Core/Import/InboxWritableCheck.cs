using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Import;

/// <summary>
/// Readiness: the inbox, archive and failed folders exist and take a file. Checked on every instance, since whichever
/// leads scans the shared folders. A missing folder is created, as the inbox itself does.
/// </summary>
public sealed class InboxWritableCheck(IOptions<ImportOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.Enabled) return HealthCheckResult.Healthy("the inbox is off (Import:Enabled=false)");
        (string Setting, string Folder)[] folders =
        [
            ("Import:InboxDirectory", settings.InboxDirectory),
            ("Import:ArchiveDirectory", settings.ArchiveDirectory),
            ("Import:FailedDirectory", settings.FailedDirectory),
        ];
        // A stalled mount blocks file calls without regard for the token: on a thread of their own, given up at the token.
        var problems = await Task.Run(() => folders.Select(f => Problem(f.Setting, f.Folder)).OfType<string>().ToList(), cancellationToken).WaitAsync(cancellationToken);
        return problems.Count == 0
            ? HealthCheckResult.Healthy("the inbox, archive and failed folders take files")
            : HealthCheckResult.Unhealthy(string.Join("; ", problems));
    }

    private static string? Problem(string setting, string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            // A name the inbox leaves alone without a word (a leading dot), one per instance, and the same every time, so a
            // failure reads the same at every probe.
            var probe = Path.Combine(folder, $".flexpower-health-{Environment.MachineName}-{Environment.ProcessId}.tmp");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"{setting} {folder} is not writable: permission denied";
        }
        catch (IOException e)
        {
            return $"{setting} {folder} is not writable: {e.Message}";
        }
    }
}
