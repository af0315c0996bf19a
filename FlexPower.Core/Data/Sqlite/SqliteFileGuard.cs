using System.Data.Common;
using FlexPower.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlexPower.Core.Data.Sqlite;

/// <summary>
/// Keeps the app from writing into a SQLite file that is no longer the database: deleted under the running app (its open
/// handles would still accept writes that vanish at the next start) or swapped for another file. Each database carries
/// a random identity (<c>PRAGMA user_version</c>) that is also written to a marker file beside it, so a start-up that
/// finds the marker but not the database knows data is missing instead of starting empty.
/// </summary>
public sealed class SqliteFileGuard(string connectionString) : IDatabaseHealth
{
    // Less than this is a full disk for a database: one write may append a megabyte of pages to the WAL.
    private const long MinFreeBytes = 1 << 20;

    private string Path { get; } = new SqliteConnectionStringBuilder(connectionString).DataSource;

    public string MarkerPath => Path + ".id";

    /// <summary>The identity read when the app prepared the database; null before that.</summary>
    public int? Identity { get; private set; }

    /// <summary>
    /// Creates the folder and the file (unless the marker shows a database existed there before), switches it to WAL
    /// (readers — pages, reports — then run while an import writes) and gives it its identity.
    /// </summary>
    public async Task PrepareFileAsync(DatabaseOptions options, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        if (!File.Exists(Path) && File.Exists(MarkerPath) && !options.RecreateMissing)
            throw new StartupFailedException($"The database file {Path} is missing, but {MarkerPath} shows a FlexPower database was there: restore it from a backup, " +
                "or set Database:RecreateMissing=true to start with an empty database.");

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
        var identity = Convert.ToInt32(await ExecuteAsync(connection, "PRAGMA user_version;", cancellationToken));
        if (identity == 0)
        {
            identity = Random.Shared.Next(1, int.MaxValue);
            await ExecuteAsync(connection, $"PRAGMA user_version = {identity};", cancellationToken);
        }
        Identity = identity;
        await File.WriteAllTextAsync(MarkerPath, identity.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", cancellationToken);
    }

    /// <summary>Throws (503 to an API client) when the database file is gone; called before every write.</summary>
    public void EnsurePresent()
    {
        if (Identity is not null && !File.Exists(Path))
            throw new DatabaseUnavailableException($"The database file {System.IO.Path.GetFileName(Path)} is missing: nothing was stored. An operator must restore it; FlexPower refuses to write until then.");
    }

    /// <summary>Why the database cannot take writes right now, or null when it can (the health check).</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        if (Identity is null) return null;
        if (!File.Exists(Path)) return "the database file is missing";
        var free = new DriveInfo(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!).AvailableFreeSpace;
        if (free < MinFreeBytes) return $"the database's disk is full ({free:N0} bytes free): nothing can be stored until space is freed";
        try
        {
            // A fresh connection, not a pooled one whose handle may outlive the file, and one that never creates a file.
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 2 }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version";
            if (Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken)) != Identity) return "the database file was replaced by another one";
            command.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5) // SQLITE_BUSY: a writer (an import) holds the lock, so writing works
        {
            return null;
        }
        catch (SqliteException e)
        {
            return $"the database cannot be written ({e.Message})";
        }
    }

    private static async Task<object?> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Checks the file before an explicit EF transaction begins and commits (writes in plain SQL, such as a price import's).</summary>
    public sealed class AroundTransactions(SqliteFileGuard guard) : DbTransactionInterceptor
    {
        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            guard.EnsurePresent();
            return result;
        }

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            guard.EnsurePresent();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
        {
            guard.EnsurePresent();
            return result;
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default)
        {
            guard.EnsurePresent();
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Checks the file before EF saves anything (accounts, trades, scenarios).</summary>
    public sealed class BeforeSaving(SqliteFileGuard guard) : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            guard.EnsurePresent();
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            guard.EnsurePresent();
            return ValueTask.FromResult(result);
        }
    }
}
