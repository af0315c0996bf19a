using FlexPower.Core.Data;

namespace FlexPower.Tests.Support;

/// <summary>
/// A database of the test's own, removed when the test ends: a real SQLite file in its own temp folder, or a new
/// database on the run's throwaway PostgreSQL cluster. Either way the folder holds the test's inbox and import folders.
/// </summary>
public sealed class TempDatabase : IDisposable, IAsyncDisposable
{
    private readonly string? postgresName;

    public TempDatabase() : this(DatabaseProvider.Sqlite, null, null) { }

    private TempDatabase(DatabaseProvider provider, string? postgresName, string? postgresConnection)
    {
        Provider = provider;
        this.postgresName = postgresName;
        Directory = Path.Combine(Path.GetTempPath(), "flexpower-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "flexpower.db");
        ConnectionString = postgresConnection ?? $"Data Source={FilePath}";
    }

    /// <summary>A new database on the run's PostgreSQL cluster; skips the test (or fails it in CI) when PostgreSQL is not installed.</summary>
    public static async Task<TempDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite) return new TempDatabase();
        if (PostgresServer.Unavailable is { } reason) Assert.Skip(reason);
        var name = $"flexpower_test_{Guid.NewGuid():N}";
        return new TempDatabase(provider, name, await PostgresServer.CreateDatabaseAsync(name));
    }

    public DatabaseProvider Provider { get; }
    public string Directory { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>The settings that point the app at this database.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Database:Provider"] = Provider.ToString(),
        ["ConnectionStrings:FlexPower"] = ConnectionString,
    };

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (postgresName is not null) await PostgresServer.DropDatabaseAsync(postgresName);
        else Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
