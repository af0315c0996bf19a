using FlexPower.Core.Common;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Data;

/// <summary>
/// An episode in which the database refuses writes — its disk full or failing, its file gone, its server away. Every
/// refused caller hears why (503, nothing stored). The log says each reason once, at its first refusal (a full disk may
/// refuse a statement one moment and a new session the next), and once when a write is stored again: not once per
/// request. /health reports the latest reason meanwhile. An episode also ends <see cref="QuietAfter"/> after its last
/// refusal, so /health recovers by itself when nothing is written (a load balancer that stopped sending traffic).
/// </summary>
public sealed class DatabaseOutage(TimeProvider clock, ILogger<DatabaseOutage> logger)
{
    public static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private Episode? current;

    /// <summary>One episode's state, read and changed only under the gate.</summary>
    private sealed class Episode(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;
        public DateTimeOffset Last { get; set; } = since;
        public string Reason { get; set; } = "";
        public HashSet<string> Logged { get; } = [];
    }

    /// <summary>
    /// The failure as the 503 its caller gets when it means the database cannot take writes now (logged when it is its
    /// reason's first in the episode), or null when it means something else.
    /// </summary>
    public DatabaseUnavailableException? Refusal(Exception failure)
    {
        if (DatabaseFailures.AsUnavailable(failure) is not { } refusal) return null;
        var now = clock.GetUtcNow();
        bool firstForReason;
        lock (gate)
        {
            if (current is null || now - current.Last > QuietAfter) current = new Episode(since: now);
            (current.Reason, current.Last) = (refusal.Message, now);
            firstForReason = current.Logged.Add(refusal.Message);
        }
        if (firstForReason)
            logger.LogCritical("The database refuses writes: {Reason} Further refusals for this reason are not logged until a write is stored again.", refusal.Message);
        return refusal;
    }

    /// <summary>Runs a write; a failure that means the database cannot take writes now becomes that 503, for pages and the API alike.</summary>
    public async Task<T> RefusedUnlessStoredAsync<T>(Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        catch (Exception e) when (Refusal(e) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>A write was committed: an episode, if any, is over.</summary>
    public void Stored()
    {
        if (Volatile.Read(ref current) is null) return;
        Episode? ended;
        lock (gate) (ended, current) = (current, null);
        if (ended is not null) logger.LogInformation("The database takes writes again (it refused them from {Since:u}).", ended.Since);
    }

    /// <summary>Why writes are being refused, or null when none was refused lately.</summary>
    public string? Problem
    {
        get
        {
            lock (gate)
                return current is { } episode && clock.GetUtcNow() - episode.Last <= QuietAfter ? $"{episode.Reason} (writes refused since {episode.Since:u})" : null;
        }
    }
}
