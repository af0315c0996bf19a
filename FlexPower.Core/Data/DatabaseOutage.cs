using FlexPower.Core.Common;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Data;

/// <summary>
/// An episode in which the database refuses writes — its disk full or failing, its file gone, its server away. Every
/// refused caller hears why (503, nothing stored); the log says it once when the episode begins and once when a write is
/// stored again, not once per request; /health reports it meanwhile. An episode also ends <see cref="QuietAfter"/> after
/// its last refusal, so /health recovers by itself when nothing is written (a load balancer that stopped sending traffic).
/// </summary>
public sealed class DatabaseOutage(TimeProvider clock, ILogger<DatabaseOutage> logger)
{
    public static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private Episode? current;

    private sealed record Episode(string Reason, DateTimeOffset Since, DateTimeOffset Last, int Refusals);

    /// <summary>A write was refused for this reason; the first refusal of an episode is logged.</summary>
    public void Refused(DatabaseUnavailableException refusal)
    {
        var now = clock.GetUtcNow();
        bool begins;
        lock (gate)
        {
            begins = current is null || current.Reason != refusal.Message || now - current.Last > QuietAfter;
            current = begins ? new Episode(refusal.Message, now, now, 1) : current! with { Last = now, Refusals = current.Refusals + 1 };
        }
        if (begins)
            logger.LogCritical("The database refuses writes: {Reason} Further refusals for this reason are logged at Debug only, until a write is stored again.", refusal.Message);
    }

    /// <summary>A write was committed: an episode, if any, is over.</summary>
    public void Stored()
    {
        if (Volatile.Read(ref current) is null) return;
        Episode? ended;
        lock (gate) (ended, current) = (current, null);
        if (ended is not null)
            logger.LogInformation("The database takes writes again; {Refusals} writes were refused since {Since:u}.", ended.Refusals, ended.Since);
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
