using FlexPower.Core.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        return builder.ToString();
    }

    /// <summary>Creates the folder, switches the file to WAL, adopts a scripts-built database and applies pending migrations.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<FlexPowerDatabase>();
        var logger = services.GetRequiredService<ILogger<FlexPowerDatabase>>();
        var dataSource = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var directory = Path.GetDirectoryName(dataSource);
        if (!string.IsNullOrEmpty(directory) && dataSource != ":memory:") Directory.CreateDirectory(directory);

        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var wal = connection.CreateCommand())
        {
            // WAL lets readers (pages, reports) run while an import writes.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteScalarAsync(cancellationToken);
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(cancellationToken);
        await LegacySchema.AdoptAsync(db, logger, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Count > 0) logger.LogInformation("Applied migrations {Migrations} to {Database}", string.Join(", ", pending), dataSource);
    }
}
