using System.Data.Common;
using System.Reflection;
using FlexPower.Core.Data.Postgres;
using FlexPower.Core.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Core.Data;

/// <summary>
/// Whether a database already has every migration of this release, read with plain SQL. That is the answer on almost every
/// start, and asking EF Core costs a fresh process ~0.3 s of JIT (its history repository builds a model of its own with
/// every convention, measured), which a command-line verb would otherwise spend before its own work.
/// </summary>
internal static class MigrationHistory
{
    /// <summary>The migrations of the provider's context, by id, as EF Core finds them (its attributes on the migration classes).</summary>
    public static IReadOnlyList<string> Migrations(DatabaseProvider provider)
    {
        var context = provider == DatabaseProvider.Postgres ? typeof(PostgresFlexPowerDbContext) : typeof(SqliteFlexPowerDbContext);
        return typeof(MigrationHistory).Assembly.GetTypes()
            .Where(type => type.GetCustomAttribute<DbContextAttribute>()?.ContextType == context)
            .Select(type => type.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>True when the history records every migration; false when one is missing or there is no history table yet.</summary>
    public static async Task<bool> IsCurrentAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        (await PendingAsync(services, cancellationToken)).Count == 0;

    /// <summary>The migrations the history does not record, oldest first: all of them when there is no history table yet.</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var provider = services.GetRequiredService<DatabaseIdentity>().Provider;
        await using var connection = await services.GetRequiredService<PlainConnections>().OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "MigrationId" FROM "{HistoryRepository.DefaultTableName}" """;
        var applied = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
        }
        catch (DbException)
        {
            // no history table: a new database, or one built by the schema scripts (EF's migrator takes it from here)
        }
        return Migrations(provider).Where(id => !applied.Contains(id)).ToList();
    }
}
