using FlexPower.Core.Common;

namespace FlexPower.Web.Components.Shared;

/// <summary>
/// A live component's subscriptions to <see cref="ChangeNotifier"/>: each kind of change it shows (optionally only the
/// changes it passes) reloads and redraws the component on its renderer's thread, until the component disposes this.
/// <code>refresh = new LiveRefresh(Notifier, InvokeAsync, StateHasChanged).On&lt;TradesChanged&gt;(c => c.TraderIds.Contains(TraderId), LoadAsync);</code>
/// </summary>
public sealed class LiveRefresh(ChangeNotifier notifier, Func<Func<Task>, Task> invokeAsync, Action stateHasChanged) : IDisposable
{
    private readonly List<IDisposable> subscriptions = [];

    /// <summary>Every change of this kind reloads (when given) and redraws.</summary>
    public LiveRefresh On<TChange>(Func<Task>? reload = null) where TChange : Change => On<TChange>(_ => true, reload);

    /// <summary>A change of this kind that <paramref name="shows"/> passes reloads (when given) and redraws.</summary>
    public LiveRefresh On<TChange>(Func<TChange, bool> shows, Func<Task>? reload = null) where TChange : Change
    {
        // The filter runs on the renderer's thread too: it reads what the component shows, which only that thread writes.
        subscriptions.Add(notifier.Subscribe<TChange>(change => invokeAsync(async () =>
        {
            if (!shows(change)) return;
            if (reload is not null) await reload();
            stateHasChanged();
        })));
        return this;
    }

    public void Dispose() => subscriptions.ForEach(s => s.Dispose());
}
