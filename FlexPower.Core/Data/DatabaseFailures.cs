using System.Data.Common;
using FlexPower.Core.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FlexPower.Core.Data;

/// <summary>
/// Recognises among the exceptions a provider's "the database cannot take this now" — a SQLite file gone before a pool
/// had a connection open, SQLite's write lock still held by another writer when the wait for it ran out, a PostgreSQL
/// server down, a full or failing disk under either — so a client gets 503 and "nothing was stored" instead of
/// "unexpected error".
/// </summary>
public static class DatabaseFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;
    private const string PostgresDiskFull = "53100";
    private const int NoSpaceLeftOnDevice = 28; // ENOSPC, an IOException's HResult on Linux

    private const string DiskFull = "The database's disk is full: nothing was stored. Try again once an operator has freed space.";

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
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) == SqliteFull:
                case PostgresException { SqlState: PostgresDiskFull }:
                    return new DatabaseUnavailableException(DiskFull);
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) == SqliteIoError:
                    return new DatabaseUnavailableException("The database's disk could not be written (an I/O error): nothing was stored. Try again in a moment; if it persists, an operator must check the disk.");
                case IOException { HResult: NoSpaceLeftOnDevice }:
                    return new DatabaseUnavailableException("The server's disk is full: nothing was stored. Try again once an operator has freed space.");
                case NpgsqlException { IsTransient: true }:
                    return new DatabaseUnavailableException("The PostgreSQL server cannot be reached right now: nothing was stored. Try again in a moment.");
                case PostgresException refused when IsSessionRefused(refused):
                    return new DatabaseUnavailableException($"The PostgreSQL server refused a session ({refused.SqlState}: {Echo.Value(refused.MessageText)}): nothing was stored. Try again in a moment; if it persists, an operator must check the server{DiskHint(refused, " (its disk may be full)")}.");
            }
        }
        return null;
    }

    /// <summary>
    /// The database's own failure behind a health query's exception, or null. EF wraps one it takes for transient in an
    /// InvalidOperationException. A query given up at the caller's token is no answer, not a failure: Npgsql's
    /// OperationCanceledException carries the server's 57014 "canceling statement due to user request" inside.
    /// </summary>
    public static T? FailureOf<T>(Exception exception) where T : DbException =>
        exception is OperationCanceledException ? null : exception as T ?? exception.InnerException as T;

    /// <summary>
    /// The server refused a session, not for a moment (those are transient): on a full disk that is FATAL XX000 "could not
    /// write init file" (the new session's relation-cache file), not 53100.
    /// </summary>
    public static bool IsSessionRefused(PostgresException e) => e.InvariantSeverity is "FATAL" or "PANIC" && !e.IsTransient;

    /// <summary>The hint, for the refusal a full disk causes only: a database closed to connections (55000) says so itself.</summary>
    public static string DiskHint(PostgresException refused, string hint) => refused.SqlState == "XX000" ? hint : "";
}
