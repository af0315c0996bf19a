using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FlexPower.Core;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Reports;
using FlexPower.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using FlexPower.Core.Data.Postgres;
using FlexPower.Core.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

/// <summary>The schema lives in EF Core migrations; databases built by the earlier SQL scripts are adopted in place.</summary>
public sealed class MigrationTests : IDisposable
{
    private const string OldManager = "olga";
    private const string OldPassword = "Olga-Passw0rd!";
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Model_HasNoChangeMissingFromTheMigrations()
    {
        await using var services = Services(database);
        await using var db = await services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run 'dotnet ef migrations add <Name> --project FlexPower.Core --context SqliteFlexPowerDbContext --output-dir Data/Sqlite/Migrations'.");
    }

    [Fact]
    public void CompiledModels_AreInUse_AndMatchTheModelTheConfigurationsBuild()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        foreach (var (db, context, compiled) in new (FlexPowerDbContext, string, Type)[]
        {
            (sqlite, nameof(SqliteFlexPowerDbContext), typeof(FlexPower.Core.Data.Sqlite.CompiledModel.SqliteFlexPowerDbContextModel)),
            (postgres, nameof(PostgresFlexPowerDbContext), typeof(FlexPower.Core.Data.Postgres.CompiledModel.PostgresFlexPowerDbContextModel)),
        })
        {
            Assert.IsType(compiled, db.Model);
            var provider = context.Replace("FlexPowerDbContext", "");
            Assert.True(Describe(db.GetService<IDesignTimeModel>().Model).SequenceEqual(Describe(db.Model)),
                $"The compiled {provider} model is out of date: run 'dotnet ef dbcontext optimize --project FlexPower.Core --context {context} --output-dir Data/{provider}/CompiledModel --namespace FlexPower.Core.Data.{provider}.CompiledModel'.");
        }
    }

    [Fact]
    public async Task MigrationHistory_KnowsTheMigrationsEfCoreKnows_AndWhetherADatabaseHasThemAll()
    {
        using (var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]))
            Assert.Equal(sqlite.Database.GetMigrations(), MigrationHistory.Migrations(DatabaseProvider.Sqlite));
        using (var postgres = new PostgresDesignTimeFactory().CreateDbContext([]))
            Assert.Equal(postgres.Database.GetMigrations(), MigrationHistory.Migrations(DatabaseProvider.Postgres));

        await using var services = Services(database);
        using (var empty = new SqliteConnection(database.ConnectionString)) empty.Open(); // a file without tables
        Assert.False(await MigrationHistory.IsCurrentAsync(services, CancellationToken.None));
        await services.PrepareDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(await MigrationHistory.IsCurrentAsync(services, CancellationToken.None));
        using (var connection = Open(database))
            LegacyDatabase.Scalar(connection, """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = (SELECT MAX("MigrationId") FROM "__EFMigrationsHistory")""");
        Assert.False(await MigrationHistory.IsCurrentAsync(services, CancellationToken.None));
    }

    /// <summary>What of a model reaches the database and the mapping: tables, columns and their conversions, keys, indexes and relationships.</summary>
    private static IEnumerable<string> Describe(IModel model) => model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(entity =>
        (IEnumerable<string>)
        [
            $"{entity.Name} in {entity.GetTableName()}",
            .. entity.GetProperties().Select(p => $"{entity.Name}.{p.Name}: {p.ClrType.Name} as {p.GetColumnName()} nullable={p.IsNullable} max={p.GetMaxLength()} " +
                $"converter={p.GetValueConverter()?.GetType().Name} stored as {((Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping)p.GetTypeMapping()).StoreType} generated={p.ValueGenerated}"),
            .. entity.GetKeys().Select(k => $"{entity.Name} key ({string.Join(", ", k.Properties.Select(p => p.Name))}) primary={k.IsPrimaryKey()}"),
            .. entity.GetIndexes().Select(i => $"{entity.Name} index ({string.Join(", ", i.Properties.Select(p => p.Name))}) unique={i.IsUnique}"),
            .. entity.GetForeignKeys().Select(f => $"{entity.Name} ({string.Join(", ", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} on delete {f.DeleteBehavior}"),
        ]);

    [Fact]
    public async Task PostgresModel_HasNoChangeMissingFromItsMigrations_AndAFreshDatabaseMigrates()
    {
        await using var host = await CoreHost.StartAsync(provider: DatabaseProvider.Postgres);
        await using var db = await host.Get<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a PostgreSQL migration: run 'dotnet ef migrations add <Name> --project FlexPower.Core --context PostgresFlexPowerDbContext --output-dir Data/Postgres/Migrations'.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("timestamp with time zone", await db.Database.SqlQueryRaw<string>(
            "SELECT data_type AS \"Value\" FROM information_schema.columns WHERE table_name = 'trades' AND column_name = 'execution_time_utc'").SingleAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LegacyDatabase_IsAdoptedInPlace_KeepingEveryRow_WithTheSchemaTheMigrationsBuild()
    {
        WriteLegacyDatabase(database);
        var before = Snapshot(database);

        await using (var services = Services(database))
            await services.PrepareDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(before, Snapshot(database));
        using var adopted = Open(database);
        Assert.Equal("36:9:1:14250:1111500,37:9:0:14250:1111500,38:9:0:14250:1111500,39:9:0:14250:1111500,80:20:1:4500:153000,81:20:0:4500:153000,82:20:0:4500:153000,83:20:0:4500:153000",
            LegacyDatabase.Scalar(adopted, "SELECT group_concat(quarter || ':' || delivery_hour || ':' || trade_count || ':' || (buy_kwh + sell_kwh) || ':' || (buy_millicents + sell_millicents), ',') FROM (SELECT * FROM trade_quarters ORDER BY quarter)"));
        Assert.Equal("2:57000:18000:4446000:612000", LegacyDatabase.Scalar(adopted, "SELECT trade_count || ':' || buy_kwh || ':' || sell_kwh || ':' || buy_millicents || ':' || sell_millicents FROM trade_days"));
        Assert.Equal(("Trades", 0L, DBNull.Value), ((string)LegacyDatabase.Scalar(adopted, "SELECT kind FROM imports")!, (long)LegacyDatabase.Scalar(adopted, "SELECT updated FROM imports")!,
            LegacyDatabase.Scalar(adopted, "SELECT series FROM imports")));
        Assert.Equal(0L, LegacyDatabase.Scalar(adopted, "SELECT COUNT(*) FROM sqlite_master WHERE name = '__schema_history'"));
        Assert.Equal(1L, LegacyDatabase.Scalar(adopted, "SELECT include_co2 FROM planner_scenarios")); // they always reopened with CO2 priced
        Assert.Equal("2023-02-28 08:00:00|2023-02-28 09:00:00|570|", LegacyDatabase.Scalar(adopted,
            "SELECT delivery_start_utc || '|' || delivery_end_utc || '|' || quantity_tenths || '|' || COALESCE(product, '') FROM trades WHERE id = 'T1'"));
        using var fresh = new TempDatabase();
        await using (var services = Services(fresh))
            await services.PrepareDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var migrated = Open(fresh);
        Assert.Equal(SqliteSchema.Describe(migrated), SqliteSchema.Describe(adopted));
        Assert.Equal(
            LegacyDatabase.Scalar(migrated, """SELECT group_concat("MigrationId") FROM "__EFMigrationsHistory" """),
            LegacyDatabase.Scalar(adopted, """SELECT group_concat("MigrationId") FROM "__EFMigrationsHistory" """));
    }

    [Fact]
    public async Task LegacyDatabase_TheAppAnswersWithIt_UsersLogIn_ReportsAreEqual_NewTradesUpdateTheAggregates()
    {
        WriteLegacyDatabase(database);
        using var factory = new FlexPowerFactory(database);
        var client = factory.CreateApiClient(OldManager, OldPassword);

        var report = JsonNode.Parse(await client.GetStringAsync("/v1/reports/pnl?trader_id=trader_2&delivery_day=2023-02-28", TestContext.Current.CancellationToken))!;
        Assert.Equal(-38.34m, report["total"]!["pnl_eur"]!.GetValue<decimal>());
        Assert.Equal(2, report["total"]!["trade_count"]!.GetValue<int>());

        var posted = await client.PostAsJsonAsync("/v1/trades", new
        {
            id = "after-upgrade", price = 5_000, quantity = 10, direction = "sell", delivery_day = "2023-02-28", delivery_hour = 9,
            trader_id = "trader_2", execution_time = "2023-02-28T07:50:00Z",
        }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var after = JsonNode.Parse(await client.GetStringAsync("/v1/reports/pnl?trader_id=trader_2&delivery_day=2023-02-28", TestContext.Current.CancellationToken))!;
        Assert.Equal(-38.34m + 500m, after["total"]!["pnl_eur"]!.GetValue<decimal>());
        Assert.True((await factory.Services.GetRequiredService<AggregateCheck>().CheckAsync(repair: false, cancellationToken: TestContext.Current.CancellationToken)).Consistent);
        Assert.Contains("payload", await client.GetStringAsync("/v1/imports", TestContext.Current.CancellationToken)); // the ledger line is still there
    }

    [Fact]
    public async Task LegacyDatabase_OfAnOlderScriptVersion_RefusesToStart_NamingTheFix()
    {
        using (var connection = Open(database)) LegacyDatabase.Create(connection, upToVersion: 3);

        await using var services = Services(database);
        var failure = await Assert.ThrowsAsync<StartupFailedException>(() => services.PrepareDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("schema script version 3", failure.Message);
        Assert.Contains(database.FilePath, failure.Message);
    }

    private static ServiceProvider Services(TempDatabase db)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:FlexPower"] = db.ConnectionString }).Build();
        return new ServiceCollection().AddLogging().AddFlexPowerCore(configuration, db.Directory).BuildServiceProvider();
    }

    private static SqliteConnection Open(TempDatabase db)
    {
        var connection = new SqliteConnection(db.ConnectionString + ";Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>Columns later migrations added to old tables: not in the "before" rows, their defaults are checked on their own.</summary>
    private static readonly string[] AddedSinceTheLegacyRelease = ["include_co2", "kind", "updated", "series", "delivery_start_utc", "delivery_end_utc", "product"];

    /// <summary>
    /// Every row of every FlexPower table, as text, so "nothing changed" is one comparison; the aggregates changed their
    /// units since (QuarterAggregates), so they are checked on their own.
    /// </summary>
    private static List<string> Snapshot(TempDatabase db)
    {
        using var connection = Open(db);
        var rows = new List<string>();
        foreach (var table in new[] { "AspNetUsers", "AspNetRoles", "AspNetUserRoles", "trades", "imports", "import_rejections", "planner_scenarios" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add(table + ": " + string.Join("|", Enumerable.Range(0, reader.FieldCount).Where(i => !AddedSinceTheLegacyRelease.Contains(reader.GetName(i))).Select(i => Column(reader, i))));
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>A column as the legacy release named it: quantity in whole MW, since stored in tenths (TradePeriods).</summary>
    private static string Column(SqliteDataReader reader, int i) =>
        reader.GetName(i) == "quantity_tenths" ? $"quantity={reader.GetInt64(i) / 10}" : $"{reader.GetName(i)}={reader.GetValue(i)}";

    /// <summary>A database as the last script-based release left it: a manager, the sample day's trades and aggregates, an import with a rejected row, a scenario.</summary>
    private static void WriteLegacyDatabase(TempDatabase db)
    {
        using var connection = Open(db);
        LegacyDatabase.Create(connection);
        var user = new AppUser { Id = "u-olga", UserName = OldManager, NormalizedUserName = OldManager.ToUpperInvariant(), SecurityStamp = "STAMP-1", ConcurrencyStamp = "c1", LockoutEnabled = true };
        var hash = new PasswordHasher<AppUser>().HashPassword(user, OldPassword);
        LegacyDatabase.Execute(connection, $"""
            INSERT INTO "AspNetRoles" VALUES ('r-trader', 'Trader', 'TRADER', 'x'), ('r-manager', 'Manager', 'MANAGER', 'y');
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp",
                "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "TraderId", "IsDisabled", "CreatedUtc")
            VALUES ('u-olga', '{OldManager}', '{OldManager.ToUpperInvariant()}', 0, '{hash}', 'STAMP-1', 'c1', 0, 0, 1, 0, NULL, 0, '2026-11-21 09:00:00');
            INSERT INTO "AspNetUserRoles" VALUES ('u-olga', 'r-manager');
            INSERT INTO trades VALUES ('T1', 'trader_2', '2023-02-28', 9, 'buy', 78, 57, '2023-02-28 07:45:12'),
                                      ('T2', 'trader_2', '2023-02-28', 20, 'sell', 34, 18, '2023-02-28 16:23:38');
            INSERT INTO trade_hours VALUES ('trader_2', '2023-02-28', 9, 1, 57, 0, 4446, 0), ('trader_2', '2023-02-28', 20, 1, 0, 18, 0, 612);
            INSERT INTO trade_days VALUES ('trader_2', '2023-02-28', 2, 57, 18, 4446, 612);
            INSERT INTO imports (source, file_name, sha256, size_bytes, user_name, started_utc, finished_utc, rows, inserted, duplicates, rejected, status, forced, message)
                VALUES ('Api', 'payload.csv', 'abc', 300, '{OldManager}', '2026-11-21 09:10:00', '2026-11-21 09:10:01', 3, 2, 0, 1, 'Imported', 0, NULL);
            INSERT INTO import_rejections (import_id, line, raw, reason) VALUES (1, 4, 'x,y', 'expected 8 columns like the header, got 2');
            INSERT INTO planner_scenarios (name, owner_user_name, payload_json, saved_utc) VALUES ('base', '{OldManager}', '{"{"}"load":1{"}"}', '2026-11-21 09:20:00');
            """);
    }
}
