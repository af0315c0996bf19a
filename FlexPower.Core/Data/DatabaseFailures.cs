using FlexPower.Core.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FlexPower.Core.Data;

/// <summary>
/// Recognises a provider's "the database cannot take this now" among the exceptions (a SQLite file gone before a pool had a
/// connection open, SQLite's write lock still held by another writer when the wait for it ran out, a PostgreSQL server
/// down), so a client gets 503 and "try later" instead of "unexpected error".
/// </summary>
public static class DatabaseFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCannotOpen = 14;

    public static DatabaseUnavailableException? AsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DatabaseUnavailableException unavailable:
                    return unavailable;
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked }:
                    return new DatabaseUnavailableException("The database is busy with another write and did not free up in time: nothing was stored. Try again in a moment.");
                case SqliteException { SqliteErrorCode: SqliteCannotOpen }:
                    return new DatabaseUnavailableException("The database file cannot be opened: nothing was stored. An operator must restore it; FlexPower refuses to write until then.");
                case NpgsqlException { IsTransient: true }:
                    return new DatabaseUnavailableException("The PostgreSQL server cannot be reached right now: nothing was stored. Try again in a moment.");
            }
        }
        return null;
    }
}
