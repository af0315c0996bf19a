using System.Data.Common;
using FlexPower.Core.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace FlexPower.Core.Data;

/// <summary>A UTC instant as a parameter of raw SQL, stored as the provider's EF mapping stores it: text on SQLite (<see cref="SqliteStorage"/>), timestamptz on PostgreSQL.</summary>
public static class StoredInstant
{
    public static object Of(DbConnection connection, DateTime utc) =>
        connection is SqliteConnection ? SqliteStorage.Instant(utc) : DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    /// <summary>An instant read back by raw SQL, as either provider stores it.</summary>
    public static DateTime Read(DbDataReader reader, int column) =>
        reader.GetValue(column) is string text ? SqliteStorage.ParseInstant(text) : DateTime.SpecifyKind(reader.GetDateTime(column), DateTimeKind.Utc);
}
