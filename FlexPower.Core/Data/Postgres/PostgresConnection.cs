using System.Data.Common;
using Npgsql;

namespace FlexPower.Core.Data.Postgres;

/// <summary>The configured PostgreSQL connection, and its form for the long-lived sessions (leader lease, change listener) that must not come from the pool.</summary>
public sealed class PostgresConnection(string configured)
{
    public string Dedicated { get; } = new NpgsqlConnectionStringBuilder(configured) { Pooling = false, KeepAlive = 10 }.ConnectionString;

    /// <summary>
    /// The pool's connection string: the configured one, where it does not say otherwise without the reset of a connection
    /// given back to the pool — no pooled session changes settings or holds a session lock (those live on the
    /// <see cref="Dedicated"/> connections), so the reset's statements on every request bought nothing (bench/cluster.sh,
    /// docs/performance.md). Statements are not prepared by default: with Max Auto Prepare the server's generic plans made
    /// one range report in twenty take 30 times as long (bench/reports-postgres.sh).
    /// </summary>
    public string Pooled { get; } = WithDefaults(configured);

    private static string WithDefaults(string configured)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());
        var pooled = new NpgsqlConnectionStringBuilder(configured);
        if (!given.Contains("noresetonclose")) pooled.NoResetOnClose = true;
        return pooled.ConnectionString;
    }
}
