using FlexPower.Core.Trades;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>Prepared statements on SQLite's C API for the bulk paths (import rows, aggregate upserts), with SqliteException on failure.</summary>
internal static class RawStatements
{
    public static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        return statement;
    }

    /// <summary>Steps once; anything but the expected result (DONE, or ROW for a query) resets the statement and throws.</summary>
    public static void Step(sqlite3 db, sqlite3_stmt statement, int expected)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == expected) return;
        raw.sqlite3_reset(statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        throw new InvalidOperationException($"SQLite returned {rc} where {expected} was expected.");
    }
}
