using System.Text;
using FlexPower.Core.Telemetry;
using FlexPower.Tests.Support;
using FlexPower.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FlexPower.Tests.Unit;

[Collection(TelemetryCollection.Name)]
public sealed class ObservabilityTests
{
    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddFlexPowerTelemetry();
        return builder.Build();
    }

    [Fact]
    public async Task WithoutAnOtlpEndpoint_NoOpenTelemetrySdkIsRegistered()
    {
        await using var app = Build(new() { [Observability.EndpointVariable] = "" });

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task WithAnOtlpEndpoint_SpansAndMetricsAreSentThere_AsHttpProtobuf_UnderTheConfiguredServiceName()
    {
        using var sink = new OtlpSink();
        await using var app = Build(new()
        {
            [Observability.EndpointVariable] = sink.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "flexpower-under-test",
        });
        var tracer = app.Services.GetRequiredService<TracerProvider>();
        var meter = app.Services.GetRequiredService<MeterProvider>();

        using (FlexPowerTelemetry.Start("flexpower.test.exported")) { }
        Metrics.AlertsRaised.Add(1, new KeyValuePair<string, object?>(Tags.AlertKind, "test"));
        Assert.True(tracer.ForceFlush(10_000));
        Assert.True(meter.ForceFlush(10_000));

        var traces = sink.Received.Where(r => r.Path == "/v1/traces").ToList();
        Assert.Contains(traces, r => r.ContentType == "application/x-protobuf" && Holds(r.Body, "flexpower.test.exported") && HoldsServiceName(r.Body, "flexpower-under-test"));
        Assert.Contains(sink.Received, r => r.Path == "/v1/metrics" && Holds(r.Body, "flexpower.alerts.raised"));
    }

    [Fact]
    public async Task WithoutAServiceName_TheServiceIsCalledFlexpower()
    {
        using var sink = new OtlpSink();
        await using var app = Build(new() { [Observability.EndpointVariable] = sink.Url, ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf" });
        var tracer = app.Services.GetRequiredService<TracerProvider>();

        using (FlexPowerTelemetry.Start("flexpower.test.named")) { }
        Assert.True(tracer.ForceFlush(10_000));

        Assert.Contains(sink.Received, r => r.Path == "/v1/traces" && Holds(r.Body, "flexpower.test.named") && HoldsServiceName(r.Body, Observability.DefaultServiceName));
    }

    /// <summary>The resource attribute service.name with this value: KeyValue { key = 1, value = AnyValue { string_value = 1 } } in protobuf.</summary>
    private static bool HoldsServiceName(byte[] body, string name)
    {
        var value = Encoding.UTF8.GetBytes(name);
        byte[] attribute = [.. Encoding.UTF8.GetBytes("service.name"), 0x12, (byte)(value.Length + 2), 0x0A, (byte)value.Length, .. value];
        return body.AsSpan().IndexOf(attribute) >= 0;
    }

    /// <summary>Protobuf writes a string field as its UTF-8 bytes.</summary>
    private static bool Holds(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
