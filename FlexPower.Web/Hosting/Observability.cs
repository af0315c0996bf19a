using FlexPower.Core.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FlexPower.Web.Hosting;

/// <summary>
/// Traces, metrics and logs by OpenTelemetry, exported by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; without it no
/// SDK is registered and nothing is recorded (a span of FlexPower's is then never created). The SDK reads the standard
/// variables itself: protocol, headers, service name, resource attributes, export intervals. See docs/observability.md.
/// </summary>
public static class Observability
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string DefaultServiceName = "flexpower";

    private static readonly string[] BlazorSources = ["Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits"];
    private static readonly string[] BlazorMeters = ["Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Lifecycle", "Microsoft.AspNetCore.Components.Server.Circuits"];

    /// <summary>
    /// ASP.NET Core instruments recorded several times per request that say nothing the request duration, the active
    /// requests and FlexPower's own instruments do not: not listened to, they cost nothing (measured: docs/performance.md).
    /// </summary>
    private static readonly string[] DroppedInstruments = ["aspnetcore.memory_pool.*", "aspnetcore.authentication.*", "aspnetcore.authorization.*", "aspnetcore.routing.match_attempts"];

    public static WebApplicationBuilder AddFlexPowerTelemetry(this WebApplicationBuilder builder)
    {
        // Every console line written while a span is current (a request, an import, a background job) names its trace and span.
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(options => options.IncludeScopes = true);
        builder.Services.Configure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);
        builder.Services.AddSingleton<CircuitHandler, CircuitTelemetry>();
        builder.Services.AddFlexPowerTelemetry(builder.Configuration);
        return builder;
    }

    /// <summary>The SDK exporting by OTLP, when the endpoint is set; a command-line verb then starts it with <see cref="StartTelemetry"/>.</summary>
    public static IServiceCollection AddFlexPowerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration[EndpointVariable])) services.AddFlexPowerOpenTelemetry(configuration).UseOtlpExporter();
        return services;
    }

    /// <summary>Without a host nothing starts the providers: a verb does, so its import is traced; disposing the services flushes them.</summary>
    public static ServiceProvider StartTelemetry(this ServiceProvider services)
    {
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
        return services;
    }

    /// <summary>The SDK with FlexPower's sources and meters and the instrumentations, without an exporter (the caller adds one).</summary>
    public static OpenTelemetryBuilder AddFlexPowerOpenTelemetry(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (!NamesService(configuration)) resource.AddService(DefaultServiceName);
            })
            .WithTracing(tracing => tracing
                .AddSource(FlexPowerTelemetry.Name)
                .AddSource(BlazorSources)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(FlexPowerTelemetry.Name)
                .AddMeter(BlazorMeters)
                .AddMeter("Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .DropInstruments(DroppedInstruments))
            .WithLogging();

    private static MeterProviderBuilder DropInstruments(this MeterProviderBuilder metrics, IEnumerable<string> names) =>
        names.Aggregate(metrics, (builder, name) => builder.AddView(name, MetricStreamConfiguration.Drop));

    /// <summary>Whether the standard variables name the service already (they win over FlexPower's default name).</summary>
    private static bool NamesService(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"])
        || (configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? "").Split(',').Any(pair => pair.Trim().StartsWith("service.name=", StringComparison.Ordinal));
}
