using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Common;

/// <summary>Something committed that open pages or background work may want to react to.</summary>
public abstract record Change
{
    /// <summary>
    /// Whether the other instances sharing the database hear of it too (through <see cref="IChangeBroadcast"/>). Whatever is
    /// committed to the shared database is; only a change each instance derives for itself from another one stays local.
    /// </summary>
    [JsonIgnore]
    public virtual bool CrossesInstances => true;
}

/// <summary>
/// A service that reacts to changes for as long as the process runs (the limit and missing-file checks). Registered as one, it
/// hears every change from the first on, in the web host and in a command-line verb alike.
/// </summary>
public interface IChangeListener
{
    Task OnChangeAsync(Change change);

    /// <summary>
    /// A long write (a file being stored) is about to commit a change: one-time work the listener's first change costs (a fresh
    /// process's first queries) can be done now, on a core the write leaves idle, instead of after the commit.
    /// </summary>
    Task PrepareAsync() => Task.CompletedTask;
}

/// <summary>Carries changes to the other instances that share the database (none on SQLite: one process owns the file).</summary>
public interface IChangeBroadcast
{
    void Send(Guid origin, Change change);
}

/// <summary>
/// The one way FlexPower announces a committed change (trades stored, an import recorded, prices or limits set, alerts raised
/// or cleared), by any route, in this instance and, where <see cref="Change.CrossesInstances"/>, through
/// <see cref="IChangeBroadcast"/> in the others. Listeners and subscribers run after
/// the publisher has moved on; a failing or slow one never affects the writer or the others.
/// </summary>
public sealed class ChangeNotifier(IServiceProvider services, ILogger<ChangeNotifier> logger, IChangeBroadcast? broadcast = null)
{
    // Resolved at the first change rather than with the notifier: listeners publish changes of their own (alerts), so they depend on it.
    private readonly Lazy<IChangeListener[]> listeners = new(() => [.. services.GetServices<IChangeListener>()]);
    private readonly Lock gate = new();
    private List<Subscription> subscriptions = [];
    private readonly HashSet<Task> running = [];

    /// <summary>This instance, so it can ignore its own changes coming back from the broadcast.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>Calls <paramref name="onChange"/> for every published change of type <typeparamref name="T"/> until the result is disposed.</summary>
    public IDisposable Subscribe<T>(Func<T, Task> onChange) where T : Change
    {
        var subscription = new Subscription(this, change => change is T typed ? onChange(typed) : Task.CompletedTask);
        lock (gate) subscriptions = [.. subscriptions, subscription];
        return subscription;
    }

    public void Publish(Change change)
    {
        Deliver(change);
        if (change.CrossesInstances) broadcast?.Send(InstanceId, change);
    }

    /// <summary>A long write has begun: listeners get ready for its change (<see cref="IChangeListener.PrepareAsync"/>).</summary>
    public void Expect()
    {
        foreach (var listener in listeners.Value) Track(RunAsync(listener.PrepareAsync, "getting ready for a change"));
    }

    /// <summary>A change another instance committed and published.</summary>
    public void Receive(Guid origin, Change change)
    {
        if (origin != InstanceId && change.CrossesInstances) Deliver(change);
    }

    private void Deliver(Change change)
    {
        List<Subscription> current;
        lock (gate) current = subscriptions;
        foreach (var listener in listeners.Value) Track(RunAsync(() => listener.OnChangeAsync(change), change.GetType().Name));
        foreach (var subscription in current) Track(RunAsync(() => subscription.OnChange(change), change.GetType().Name));
    }

    private void Track(Task delivery)
    {
        lock (gate) running.Add(delivery);
        _ = delivery.ContinueWith(done => { lock (gate) running.Remove(done); }, TaskScheduler.Default);
    }

    /// <summary>
    /// Waits until every listener and subscriber has handled what was published so far, including what they published in turn: a batch
    /// command calls it before it exits, so checks triggered by its writes (limit alerts) are not cut off.
    /// </summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            Task[] pending;
            lock (gate) pending = [.. running];
            if (pending.Length == 0) return;
            await Task.WhenAll(pending);
        }
    }

    private async Task RunAsync(Func<Task> work, string what)
    {
        try
        {
            await Task.Yield(); // never run a listener on the publisher's stack (it may hold a transaction or a lock)
            await work();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "A change listener failed ({Work})", what);
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
