using FlexPower.Core.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using FlexPower.Core.Common;

namespace FlexPower.Core.Data;

public static class DatabaseSetup
{
    public const string DefaultRelativePath = "data/flexpower.db";

    /// <summary>
    /// The configured connection string, or the default file under the content root. A relative
    /// Data Source is resolved against the content root so the app finds its database from any working directory.
    /// </summary>
    public static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DefaultRelativePath}" : configured);
        var isFile = !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory;
        if (isFile && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        // The app never creates a database file by opening a connection: only start-up does, knowingly (see PrepareAsync).
        if (isFile) builder.Mode = SqliteOpenMode.ReadWrite;
        return builder.ToString();
    }

    /// <summary>
    /// Creates the folder and the file (unless the marker shows a database existed there before), switches it to WAL,
    /// gives it its identity, adopts a scripts-built database and applies pending migrations.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<FlexPowerDatabase>();
        var guard = services.GetRequiredService<SqliteFileGuard>();
        var logger = services.GetRequiredService<ILogger<FlexPowerDatabase>>();
        var dataSource = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var directory = Path.GetDirectoryName(dataSource);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        if (!File.Exists(dataSource) && File.Exists(guard.MarkerPath) && !services.GetRequiredService<IOptions<DatabaseOptions>>().Value.RecreateMissing)
            throw new StartupFailedException($"The database file {dataSource} is missing, but {guard.MarkerPath} shows a FlexPower database was there: restore it from a backup, " +
                "or set Database:RecreateMissing=true to start with an empty database.");

        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            // WAL lets readers (pages, reports) run while an import writes.
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
            var identity = Convert.ToInt32(await ExecuteAsync(connection, "PRAGMA user_version;", cancellationToken));
            if (identity == 0)
            {
                identity = Random.Shared.Next(1, int.MaxValue);
                await ExecuteAsync(connection, $"PRAGMA user_version = {identity};", cancellationToken);
            }
            guard.Identity = identity;
            await File.WriteAllTextAsync(guard.MarkerPath, identity.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", cancellationToken);
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(cancellationToken);
        await LegacySchema.AdoptAsync(db, logger, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Count > 0) logger.LogInformation("Applied migrations {Migrations} to {Database}", string.Join(", ", pending), dataSource);
    }

    private static async Task<object?> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
