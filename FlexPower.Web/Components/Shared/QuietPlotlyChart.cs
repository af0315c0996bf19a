using Plotly.Blazor;

namespace FlexPower.Web.Components.Shared;

/// <summary>
/// Plotly.Blazor's chart, except that disposing it does not wait for the browser. PlotlyChart's disposal awaits a JS
/// <c>purge</c>; when the page is being reloaded or closed, nothing answers, so it waits out the JS call timeout (a
/// minute) — and Blazor keeps the browser's circuit-disconnect request open all that time, which took up the browser's
/// connections and stalled the next page loads by ~27 s. The purge only frees memory of a page that is going away, so
/// it is started but not awaited.
/// </summary>
public sealed class QuietPlotlyChart : PlotlyChart, IAsyncDisposable
{
    ValueTask IAsyncDisposable.DisposeAsync()
    {
        _ = PurgeAsync();
        return ValueTask.CompletedTask;
    }

    private async Task PurgeAsync()
    {
        try
        {
            await DisposeAsync();
        }
        catch (Exception e) when (e is Microsoft.JSInterop.JSException or Microsoft.JSInterop.JSDisconnectedException or TaskCanceledException or ObjectDisposedException)
        {
            // The browser or circuit has gone: there is nothing left to purge.
        }
    }
}
