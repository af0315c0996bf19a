using FlexPower.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Data.Sqlite;

/// <summary>
/// Databases written before EF Core migrations carry the schema of the hand-written SQL scripts 1–5, recorded in
/// <c>__schema_history</c>. That schema is exactly what the baseline migration builds (a test proves it), so adopting
/// such a database only records the baseline as applied; every row stays where it is.
/// </summary>
internal static class LegacySchema
{
    private const int LastScriptVersion = 5;

    /// <summary>Adopts a scripts-built database onto the migrations; false when there is nothing to adopt.</summary>
    public static async Task<bool> AdoptAsync(FlexPowerDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!await TableExistsAsync(connection, "__schema_history") || await TableExistsAsync(connection, "__EFMigrationsHistory")) return false;
            var version = Convert.ToInt32(await ScalarAsync(connection, null, """SELECT COALESCE(MAX("version"), 0) FROM "__schema_history" """, cancellationToken));
            if (version != LastScriptVersion)
                throw new StartupFailedException($"The database {connection.DataSource} has schema script version {version}; this release adopts databases at version {LastScriptVersion}. Start it once with the release of 2026-11-21 (which upgrades it to {LastScriptVersion}), then with this one.");

            var history = db.GetService<IHistoryRepository>();
            var baseline = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).First();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ScalarAsync(connection, (SqliteTransaction)transaction, history.GetCreateIfNotExistsScript(), cancellationToken);
            await ScalarAsync(connection, (SqliteTransaction)transaction, history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
            await ScalarAsync(connection, (SqliteTransaction)transaction, """DROP TABLE "__schema_history" """, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogWarning("Adopted {Database}, built by schema scripts 1–{Version}, onto EF Core migrations (baseline {Baseline}); no data was changed",
                connection.DataSource, version, baseline);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<bool> TableExistsAsync(SqliteConnection connection, string table) =>
        Convert.ToInt32(await ScalarAsync(connection, null, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'", CancellationToken.None)) > 0;

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
