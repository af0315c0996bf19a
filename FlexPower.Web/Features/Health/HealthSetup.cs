using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Import;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FlexPower.Web.Features.Health;

/// <summary>The <c>Health</c> configuration section.</summary>
public sealed class HealthOptions
{
    /// <summary>How long one readiness check may take before it counts as failed: a hanging database or mount must not hang the probe.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(3);
}

public sealed class HealthOptionsValidation : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options) =>
        SettingRange.Result([SettingRange.Check("Health:CheckTimeout", options.CheckTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1))]);
}

public static class HealthSetup
{
    /// <summary>The checks <c>/health/ready</c> runs; <c>/health/live</c> runs none.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddFlexPowerHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HealthOptions>(configuration.GetSection("Health"));
        services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidation>();
        services.AddSingleton<ReadinessLog>();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: [ReadyTag])
            .AddCheck<InboxWritableCheck>("inbox", tags: [ReadyTag])
            .AddCheck<LeaderLeaseCheck>("leader", tags: [ReadyTag]);
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<HealthOptions>>((checks, health) =>
        {
            foreach (var check in checks.Registrations) check.Timeout = health.Value.CheckTimeout;
        });
        return services;
    }
}
