using System.Text;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>A terminal verb, as a separate process, exports its spans, metrics and logs by OTLP before it exits.</summary>
public sealed class CommandLineTelemetryTests : IDisposable
{
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task TerminalImport_WithAnOtlpEndpoint_ExportsItsSpanAndRowCounts_BeforeItExits()
    {
        using var sink = new OtlpSink();
        var file = Path.Combine(database.Directory, "epex_trades_20230220.csv");
        File.Copy(Reference.File("trades", "epex_trades_20230220.csv"), file);
        var settings = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = sink.Url,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "flexpower-cli-under-test",
        };

        var (exitCode, output, error) = await AppProcess.RunCommandAsync(database, settings, "import", file);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains(sink.Received, r => r.Path == "/v1/traces" && Holds(r.Body, "flexpower.import") && Holds(r.Body, "epex_trades_20230220.csv")
            && Holds(r.Body, "flexpower-cli-under-test"));
        Assert.Contains(sink.Received, r => r.Path == "/v1/metrics" && Holds(r.Body, "flexpower.import.rows"));
    }

    private static bool Holds(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
