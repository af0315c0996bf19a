using System.Diagnostics;
using FlexPower.Core.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace FlexPower.Web.Hosting;

/// <summary>A page's circuit events (opened, connection down and up, closed) as short spans, and the circuits opened, closed and open now.</summary>
public sealed class CircuitTelemetry : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Event("opened");
        Metrics.CircuitsOpened.Add(1);
        Metrics.CircuitsActive.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Event("connection_up");
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Event("connection_down");
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Event("closed");
        Metrics.CircuitsClosed.Add(1);
        Metrics.CircuitsActive.Add(-1);
        return Task.CompletedTask;
    }

    private static void Event(string name)
    {
        using var activity = FlexPowerTelemetry.Start("flexpower.circuit");
        activity.Tagged(Tags.Circuit, name).Succeeded();
    }
}
