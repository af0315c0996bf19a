using System.Collections.Concurrent;

namespace FlexPower.Core.Accounts;

/// <summary>
/// Failed sign-ins counted per user name AND client address: five within <see cref="Window"/> from one address stop that
/// address from trying that name for the rest of the window. So a guesser elsewhere cannot lock a manager out of their
/// own desk (Identity's account lockout is only a backstop for guessing spread over many addresses). Unknown user names
/// are counted the same way, so the answer never tells whether an account exists. Kept in memory, per instance.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Failures> failures = new(StringComparer.Ordinal);

    /// <summary>When the address may try this user name again, or null when it may now.</summary>
    public DateTimeOffset? BlockedUntil(string userName, string clientAddress)
    {
        if (!failures.TryGetValue(Key(userName, clientAddress), out var entry)) return null;
        lock (entry)
        {
            var now = clock.GetUtcNow();
            entry.Times.RemoveAll(t => now - t >= Window);
            return entry.Times.Count >= MaxFailures ? entry.Times[^1] + Window : null;
        }
    }

    public void RecordFailure(string userName, string clientAddress)
    {
        var entry = failures.GetOrAdd(Key(userName, clientAddress), _ => new Failures());
        lock (entry) entry.Times.Add(clock.GetUtcNow());
        if (failures.Count > 10_000) Prune(); // a flood of made-up names must not grow memory without bound
    }

    public void RecordSuccess(string userName, string clientAddress) => failures.TryRemove(Key(userName, clientAddress), out _);

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in failures)
            lock (entry)
                if (entry.Times.All(t => now - t >= Window)) failures.TryRemove(key, out _);
    }

    private static string Key(string userName, string clientAddress) => $"{userName.Trim().ToUpperInvariant()}|{clientAddress}";

    private sealed class Failures
    {
        public List<DateTimeOffset> Times { get; } = [];
    }
}
