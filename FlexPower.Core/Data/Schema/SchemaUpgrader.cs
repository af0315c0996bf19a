using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Data.Schema;

/// <summary>A schema script embedded in Core: <c>NNNN_name.sql</c>, applied once, in version order.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql);

/// <summary>
/// Brings a SQLite database to the schema the EF model expects by applying the embedded, versioned
/// SQL scripts it has not seen yet, each in its own transaction, recorded in <c>__schema_history</c>.
/// EF's migration tooling cannot be installed here (see README), and plain SQL keeps every upgrade reviewable.
/// </summary>
public sealed partial class SchemaUpgrader(ILogger<SchemaUpgrader> logger)
{
    public static IReadOnlyList<SchemaScript> EmbeddedScripts { get; } = LoadEmbeddedScripts();

    public static int LatestVersion => EmbeddedScripts[^1].Version;

    /// <summary>Applies every pending script (or those up to <paramref name="targetVersion"/>); returns the versions applied.</summary>
    public IReadOnlyList<int> Upgrade(SqliteConnection connection, int? targetVersion = null)
    {
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS "__schema_history" (
                "version" INTEGER NOT NULL PRIMARY KEY,
                "name" TEXT NOT NULL,
                "applied_utc" TEXT NOT NULL
            );
            """);
        var current = CurrentVersion(connection);
        var applied = new List<int>();
        foreach (var script in EmbeddedScripts.Where(s => s.Version > current && s.Version <= (targetVersion ?? int.MaxValue)))
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, script.Sql);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = """INSERT INTO "__schema_history" ("version", "name", "applied_utc") VALUES ($v, $n, $t)""";
            record.Parameters.AddWithValue("$v", script.Version);
            record.Parameters.AddWithValue("$n", script.Name);
            record.Parameters.AddWithValue("$t", DateTime.UtcNow.ToString("O"));
            record.ExecuteNonQuery();
            transaction.Commit();
            logger.LogInformation("Applied schema script {Version} {Name}", script.Version, script.Name);
            applied.Add(script.Version);
        }
        return applied;
    }

    public static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT COALESCE(MAX("version"), 0) FROM "__schema_history" """;
        return Convert.ToInt32(command.ExecuteScalar());
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<SchemaScript> LoadEmbeddedScripts()
    {
        var assembly = typeof(SchemaUpgrader).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success) continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            scripts.Add(new SchemaScript(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, reader.ReadToEnd()));
        }
        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (scripts.Count == 0 || scripts.Select(s => s.Version).Distinct().Count() != scripts.Count)
            throw new InvalidOperationException("Schema scripts are missing or share a version number.");
        return scripts;
    }

    [GeneratedRegex(@"Data\.Schema\._?(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
