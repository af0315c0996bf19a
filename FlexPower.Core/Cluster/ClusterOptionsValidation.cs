using FlexPower.Core.Common;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Cluster;

/// <summary>The allowed ranges of the <c>Cluster</c> section's intervals.</summary>
public sealed class ClusterOptionsValidation : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options) => SettingRange.Result(
    [
        SettingRange.Check("Cluster:LeaderRetryInterval", options.LeaderRetryInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
        // Well under the 30 s after which PostgreSQL ends the lease's idle session, and with it the lease.
        SettingRange.Check("Cluster:LeaderCheckInterval", options.LeaderCheckInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(20)),
    ]);
}
