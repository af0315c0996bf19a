using Microsoft.Data.Sqlite;

namespace FlexPower.Tests.Support;

/// <summary>
/// A database as the release before EF Core migrations wrote it: built by its hand-written schema scripts 1–5
/// (kept as test data in Fixtures/LegacySchema) and recorded in __schema_history the way its upgrader did.
/// </summary>
public static class LegacyDatabase
{
    public static void Create(SqliteConnection connection, int upToVersion = 5)
    {
        Execute(connection, """CREATE TABLE "__schema_history" ("version" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "applied_utc" TEXT NOT NULL);""");
        var scripts = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "LegacySchema"), "*.sql").Order().ToList();
        Assert.Equal(5, scripts.Count);
        foreach (var script in scripts.Take(upToVersion))
        {
            var name = Path.GetFileNameWithoutExtension(script);
            Execute(connection, File.ReadAllText(script));
            Execute(connection, $"""INSERT INTO "__schema_history" VALUES ({int.Parse(name[..4])}, '{name[5..]}', '2026-11-21T08:00:00.0000000Z')""");
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
