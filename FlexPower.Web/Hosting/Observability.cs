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
        builder.Services.AddFlexPowerTelemetry(builder.Configuration, webServer: true);
        return builder;
    }

    /// <summary>The SDK exporting by OTLP, when the endpoint is set; a command-line verb then starts it with <see cref="StartTelemetry"/>.</summary>
    public static IServiceCollection AddFlexPowerTelemetry(this IServiceCollection services, IConfiguration configuration, bool webServer)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointVariable])) return services;
        var telemetry = services.AddFlexPowerOpenTelemetry(configuration);
        if (webServer) telemetry.WithWebInstrumentation();
        telemetry.UseOtlpExporter();
        return services;
    }

    /// <summary>Without a host nothing starts the providers: a verb does, so its import is traced; disposing the services flushes them.</summary>
    public static ServiceProvider StartTelemetry(this ServiceProvider services)
    {
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
        return services;
    }

    /// <summary>
    /// The SDK with what every process of FlexPower's records — its own spans and instruments, Npgsql's, the runtime's —
    /// without an exporter (the caller adds one). A command-line verb has no more: no server, no HTTP calls, so
    /// registering those instrumentations only cost it start-up time (measured: docs/performance.md).
    /// </summary>
    public static OpenTelemetryBuilder AddFlexPowerOpenTelemetry(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (!NamesService(configuration)) resource.AddService(DefaultServiceName);
            })
            .WithTracing(tracing => tracing
                .AddSource(FlexPowerTelemetry.Name)
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddMeter(FlexPowerTelemetry.Name)
                .AddMeter("Npgsql")
                .AddRuntimeInstrumentation())
            .WithLogging();

    /// <summary>The web server's requests and circuits, and its outgoing HTTP calls (alert webhooks).</summary>
    public static OpenTelemetryBuilder WithWebInstrumentation(this OpenTelemetryBuilder telemetry) => telemetry
        .WithTracing(tracing => tracing
            .AddSource(BlazorSources)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation())
        .WithMetrics(metrics => metrics
            .AddMeter(BlazorMeters)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            // A predicate rather than a view per wildcard name: the SDK turns each wildcard into a regular expression.
            .AddView(instrument => IsDropped(instrument.Name) ? MetricStreamConfiguration.Drop : null));

    private static bool IsDropped(string instrument) =>
        DroppedInstruments.Any(name => name.EndsWith(".*", StringComparison.Ordinal) ? instrument.StartsWith(name[..^1], StringComparison.Ordinal) : instrument == name);

    /// <summary>Whether the standard variables name the service already (they win over FlexPower's default name).</summary>
    private static bool NamesService(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"])
        || (configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? "").Split(',').Any(pair => pair.Trim().StartsWith("service.name=", StringComparison.Ordinal));
}
