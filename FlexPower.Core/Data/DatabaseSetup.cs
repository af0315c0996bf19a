using FlexPower.Core.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
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
    /// Gets the database ready before anything uses it: on SQLite the file (see <see cref="SqliteFileGuard.PrepareFileAsync"/>)
    /// and the adoption of a scripts-built database; on both, the pending migrations. A server that cannot be reached
    /// fails with one line naming the setting. Returns the migrations it applied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var logger = services.GetRequiredService<ILogger<FlexPowerDbContext>>();
        var sqlite = services.GetService<SqliteFileGuard>();
        if (sqlite is not null) await sqlite.PrepareFileAsync(services.GetRequiredService<IOptions<DatabaseOptions>>().Value, cancellationToken);

        try
        {
            if (await MigrationHistory.IsCurrentAsync(services, cancellationToken)) return [];
            await using var db = await services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(cancellationToken);
            if (sqlite is not null) await LegacySchema.AdoptAsync(db, logger, cancellationToken);
            // The history table is made first, with the provider's CREATE … IF NOT EXISTS: on a new PostgreSQL database EF's
            // migrator (and the history repository's own ExistsAsync) would otherwise query it before creating it and log that as an error.
            var history = db.GetService<IHistoryRepository>();
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
            var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(m => m.MigrationId).ToHashSet();
            var pending = db.Database.GetMigrations().Where(m => !applied.Contains(m)).ToList();
            if (pending.Count == 0) return [];
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Applied migrations {Migrations} to {Database}", string.Join(", ", pending), db.Database.GetDbConnection().Database);
            return pending;
        }
        catch (NpgsqlException e)
        {
            var target = new NpgsqlConnectionStringBuilder(services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
            throw new StartupFailedException($"The PostgreSQL database in ConnectionStrings:FlexPower (Host={target.Host};Port={target.Port};Database={target.Database};Username={target.Username}) cannot be used: {e.Message.TrimEnd('.')}. Check the setting and that the server is up.");
        }
    }
}
