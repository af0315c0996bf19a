using Npgsql;

namespace FlexPower.Core.Data.Postgres;

/// <summary>The configured PostgreSQL connection, and its form for the long-lived sessions (leader lease, change listener) that must not come from the pool.</summary>
public sealed class PostgresConnection(string configured)
{
    public string Dedicated { get; } = new NpgsqlConnectionStringBuilder(configured) { Pooling = false, KeepAlive = 10 }.ConnectionString;
}
