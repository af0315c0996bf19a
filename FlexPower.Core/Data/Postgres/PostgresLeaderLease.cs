using FlexPower.Core.Cluster;
using Npgsql;

namespace FlexPower.Core.Data.Postgres;

/// <summary>
/// A session-level advisory lock on a connection of its own (not pooled, so no pool reset can drop or keep it by
/// accident). PostgreSQL releases it when the session ends: at once when the holding process exits, and within
/// about half a minute when its machine vanishes (the session's idle timeout; the holder checks in every
/// <see cref="ClusterOptions.LeaderCheckInterval"/>, well inside it).
/// </summary>
internal sealed class PostgresLeaderLease(PostgresConnection connection) : ILeaderLease
{
    // Advisory locks are per database, so desks sharing a server do not contend.
    private const long LockKey = 0x466C6578506F7772; // "FlexPowr"

    public async Task<IHeldLease?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var session = new NpgsqlConnection(connection.Dedicated);
        try
        {
            await session.OpenAsync(cancellationToken);
            await using (var settings = new NpgsqlCommand("SET idle_session_timeout = '30s'", session))
                await settings.ExecuteNonQueryAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", session);
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken))!) return new Held(session);
            await session.DisposeAsync();
            return null;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection session) : IHeldLease
    {
        // The lock lives as long as the session; a broken session throws here.
        public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("SELECT 1", session);
            return await command.ExecuteScalarAsync(cancellationToken) is 1;
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (session.State == System.Data.ConnectionState.Open)
                {
                    await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", session);
                    await command.ExecuteNonQueryAsync();
                }
            }
            catch (NpgsqlException)
            {
                // the session is gone, and the lock with it
            }
            await session.DisposeAsync();
        }
    }
}
