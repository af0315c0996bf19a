using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Common;

/// <summary>Something committed that open pages or background work may want to react to.</summary>
public abstract record Change;

/// <summary>
/// The one way FlexPower announces a committed change (trades stored, an import recorded, alerts raised or cleared),
/// by any route. Subscribers run after the publisher has moved on; a failing or slow subscriber never affects the
/// writer or the other subscribers.
/// </summary>
public sealed class ChangeNotifier(ILogger<ChangeNotifier> logger)
{
    private readonly Lock gate = new();
    private List<Subscription> subscriptions = [];

    /// <summary>Calls <paramref name="onChange"/> for every published change of type <typeparamref name="T"/> until the result is disposed.</summary>
    public IDisposable Subscribe<T>(Func<T, Task> onChange) where T : Change
    {
        var subscription = new Subscription(this, change => change is T typed ? onChange(typed) : Task.CompletedTask);
        lock (gate) subscriptions = [.. subscriptions, subscription];
        return subscription;
    }

    public void Publish(Change change)
    {
        List<Subscription> current;
        lock (gate) current = subscriptions;
        foreach (var subscription in current)
            _ = DeliverAsync(subscription, change);
    }

    private async Task DeliverAsync(Subscription subscription, Change change)
    {
        try
        {
            await Task.Yield(); // never run a subscriber on the publisher's stack (it may hold a transaction or a lock)
            await subscription.OnChange(change);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A subscriber to {Change} failed", change.GetType().Name);
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (gate) subscriptions = subscriptions.Where(s => s != subscription).ToList();
    }

    private sealed class Subscription(ChangeNotifier notifier, Func<Change, Task> onChange) : IDisposable
    {
        public Func<Change, Task> OnChange { get; } = onChange;

        public void Dispose() => notifier.Unsubscribe(this);
    }
}
