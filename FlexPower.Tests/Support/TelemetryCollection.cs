namespace FlexPower.Tests.Support;

/// <summary>
/// Tests that start an OpenTelemetry SDK run alone: the SDK listens to the process-wide "FlexPower" source and meter, so
/// beside them it would also read other tests' hosts (their gauges query those hosts' databases, mid-test).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
