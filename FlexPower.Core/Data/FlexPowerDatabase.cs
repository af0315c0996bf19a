using Microsoft.Data.Sqlite;

namespace FlexPower.Core.Data;

/// <summary>
/// The database as a plain SQLite connection, for the paths where EF would cost more than it gives: the schema
/// upgrade (runs before any model exists) and the bulk import (EF's model building alone is ~0.4 s of a CLI run).
/// </summary>
public sealed class FlexPowerDatabase(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
