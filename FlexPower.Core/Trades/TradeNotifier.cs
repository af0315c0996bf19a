using FlexPower.Core.Accounts;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Trades;

/// <summary>What was just committed: which traders' trades on which delivery days.</summary>
public sealed record TradesChanged(IReadOnlySet<string> TraderIds, IReadOnlySet<DateOnly> DeliveryDays)
{
    public bool IsVisibleTo(Caller caller) => caller.IsManager || (caller.TraderId is { } own && TraderIds.Contains(own));
}

/// <summary>
/// Tells open pages that trades were added, by any route (API, import, another user's page). Components
/// subscribe on init and dispose the subscription; a failing subscriber never affects the writer or the others.
/// </summary>
public sealed class TradeNotifier(ILogger<TradeNotifier> logger)
{
    private readonly Lock gate = new();
    private List<Func<TradesChanged, Task>> subscribers = [];

    public IDisposable Subscribe(Func<TradesChanged, Task> onChange)
    {
        lock (gate) subscribers = [.. subscribers, onChange];
        return new Subscription(this, onChange);
    }

    public void Publish(TradesChanged change)
    {
        List<Func<TradesChanged, Task>> current;
        lock (gate) current = subscribers;
        foreach (var subscriber in current)
            _ = NotifyAsync(subscriber, change);
    }

    private async Task NotifyAsync(Func<TradesChanged, Task> subscriber, TradesChanged change)
    {
        try { await subscriber(change); }
        catch (Exception e) { logger.LogWarning(e, "A trade-change subscriber failed"); }
    }

    private void Unsubscribe(Func<TradesChanged, Task> onChange)
    {
        lock (gate) subscribers = subscribers.Where(s => s != onChange).ToList();
    }

    private sealed class Subscription(TradeNotifier notifier, Func<TradesChanged, Task> onChange) : IDisposable
    {
        public void Dispose() => notifier.Unsubscribe(onChange);
    }
}
