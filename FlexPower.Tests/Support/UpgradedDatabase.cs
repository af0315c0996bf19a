using FlexPower.Core;
using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Support;

/// <summary>Core's services on a throwaway database, for a migration test: an earlier release's schema and rows, then this release's.</summary>
public sealed class UpgradedDatabase : IAsyncDisposable
{
    private readonly TempDatabase database;

    private UpgradedDatabase(TempDatabase database, ServiceProvider services) => (this.database, Services) = (database, services);

    public ServiceProvider Services { get; }

    public static async Task<UpgradedDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = await TempDatabase.CreateAsync(provider);
        if (provider == DatabaseProvider.Sqlite) await File.WriteAllBytesAsync(database.FilePath, []); // the app opens an existing file only; start-up creates it
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        return new UpgradedDatabase(database, new ServiceCollection().AddLogging().AddFlexPowerCore(configuration, database.Directory).BuildServiceProvider());
    }

    /// <summary>Migrates to <paramref name="previousMigration"/>, writes the earlier release's rows with <paramref name="rowsSql"/>, then migrates to this release.</summary>
    public async Task UpgradeAsync(string previousMigration, string rowsSql, CancellationToken cancellationToken)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.GetService<IMigrator>().MigrateAsync(previousMigration, cancellationToken: cancellationToken);
        await db.Database.ExecuteSqlRawAsync(rowsSql, cancellationToken);
        await db.GetService<IMigrator>().MigrateAsync(cancellationToken: cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await database.DisposeAsync();
    }
}
