using Microsoft.Data.Sqlite;

namespace FlexPower.Tests.Support;

/// <summary>
/// A comparable description of a SQLite schema: tables (with AUTOINCREMENT and WITHOUT ROWID), columns, indexes and
/// foreign keys; column order, defaults and EF's own bookkeeping tables aside.
/// </summary>
public static class SqliteSchema
{
    public static IReadOnlyList<string> Describe(SqliteConnection connection)
    {
        var lines = new List<string>();
        var tables = Query(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'",
            r => (Name: r.GetString(0), Sql: r.GetString(1)));
        foreach (var (table, sql) in tables)
        {
            lines.Add($"{table} table autoincrement={sql.Contains("AUTOINCREMENT")} without_rowid={sql.Contains("WITHOUT ROWID")}");
            lines.AddRange(Query(connection, $"PRAGMA table_info(\"{table}\")",
                r => $"{table}.{r.GetString(1)} {r.GetString(2)} notnull={r.GetInt32(3)} pk={r.GetInt32(5)}"));
            foreach (var (index, unique) in Query(connection, $"PRAGMA index_list(\"{table}\")", r => (r.GetString(1), r.GetInt32(2))))
            {
                var columns = string.Join(",", Query(connection, $"PRAGMA index_info(\"{index}\")", r => r.IsDBNull(2) ? "?" : r.GetString(2)));
                var name = index.StartsWith("sqlite_autoindex_") ? "(autoindex)" : index;
                lines.Add($"{table} index {name} unique={unique} ({columns})");
            }
            lines.AddRange(Query(connection, $"PRAGMA foreign_key_list(\"{table}\")",
                r => $"{table} fk {r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on delete {r.GetString(6)}"));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
