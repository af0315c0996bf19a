using System.Data.Common;
using Npgsql;

namespace FlexPower.Core.Data.Postgres;

/// <summary>The configured PostgreSQL connection, and its form for the long-lived sessions (leader lease, change listener) that must not come from the pool.</summary>
public sealed class PostgresConnection(string configured)
{
    public string Dedicated { get; } = new NpgsqlConnectionStringBuilder(configured) { Pooling = false, KeepAlive = 10 }.ConnectionString;

    /// <summary>
    /// The pool's connection string: the configured one, with two defaults where it names neither. Statements used again and
    /// again are prepared on each connection (parsing and planning were a third of the server's CPU under load), and a
    /// connection given back to the pool is not reset — no pooled session changes settings or holds a session lock (those
    /// live on the <see cref="Dedicated"/> connections), so the reset's five statements per request bought nothing (measured
    /// in bench/cluster.sh, docs/performance.md).
    /// </summary>
    public string Pooled { get; } = WithDefaults(configured);

    private static string WithDefaults(string configured)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var pooled = new NpgsqlConnectionStringBuilder(configured);
        if (!given.Contains("maxautoprepare")) pooled.MaxAutoPrepare = 50;
        if (!given.Contains("noresetonclose")) pooled.NoResetOnClose = true;
        return pooled.ConnectionString;
    }
}
