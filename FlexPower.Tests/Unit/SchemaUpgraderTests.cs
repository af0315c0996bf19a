using FlexPower.Core.Data;
using FlexPower.Core.Data.Schema;
using FlexPower.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlexPower.Tests.Unit;

public sealed class SchemaUpgraderTests
{
    private static SqliteConnection OpenMemory()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    private static SchemaUpgrader Upgrader() => new(NullLogger<SchemaUpgrader>.Instance);

    [Fact]
    public void Upgrade_FreshDatabase_MatchesWhatTheEfModelCreates()
    {
        using var upgraded = OpenMemory();
        Upgrader().Upgrade(upgraded);

        using var expected = OpenMemory();
        using (var db = new FlexPowerDbContext(new DbContextOptionsBuilder<FlexPowerDbContext>().UseSqlite(expected).Options))
            db.Database.EnsureCreated();

        Assert.Equal(SqliteSchema.Describe(expected), SqliteSchema.Describe(upgraded));
    }

    [Fact]
    public void Upgrade_FromFirstVersion_KeepsExistingUsersAndAddsTheNewColumns()
    {
        using var connection = OpenMemory();
        Upgrader().Upgrade(connection, targetVersion: 1);
        Execute(connection, """INSERT INTO "AspNetUsers" ("Id", "UserName", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount") VALUES ('u1', 'old-timer', 0, 0, 0, 1, 0)""");

        var applied = Upgrader().Upgrade(connection);

        Assert.Equal(Enumerable.Range(2, SchemaUpgrader.LatestVersion - 1), applied);
        Assert.Equal("old-timer|0", Scalar(connection, """SELECT "UserName" || '|' || "IsDisabled" FROM "AspNetUsers" WHERE "Id" = 'u1'"""));
    }

    [Fact]
    public void Upgrade_UpToDateDatabase_AppliesNothing()
    {
        using var connection = OpenMemory();
        Upgrader().Upgrade(connection);

        Assert.Empty(Upgrader().Upgrade(connection));
        Assert.Equal(SchemaUpgrader.LatestVersion, SchemaUpgrader.CurrentVersion(connection));
    }

    [Fact]
    public void EmbeddedScripts_AreNumberedWithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, SchemaUpgrader.EmbeddedScripts.Count), SchemaUpgrader.EmbeddedScripts.Select(s => s.Version));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
