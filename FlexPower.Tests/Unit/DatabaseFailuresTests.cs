using FlexPower.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FlexPower.Tests.Unit;

public sealed class DatabaseFailuresTests
{
    public static TheoryData<Exception, string> FullOrFailingDisks => new()
    {
        { new SqliteException("database or disk is full", 13, 13), "The database's disk is full: nothing was stored" },
        { new SqliteException("disk I/O error", 10, 10 | 3 << 8), "could not be written (an I/O error): nothing was stored" }, // SQLITE_IOERR_WRITE
        { new InvalidOperationException("wrapped", new SqliteException("database or disk is full", 13, 13)), "The database's disk is full: nothing was stored" },
        { new PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", "53100"), "The database's disk is full: nothing was stored" },
        { new IOException("No space left on device", 28), "The server's disk is full: nothing was stored" },
        // A new session on a full disk: PostgreSQL cannot write its relation cache file and refuses the session.
        { new PostgresException("could not write init file", "FATAL", "FATAL", "XX000"), "The PostgreSQL server refused a session (XX000: could not write init file): nothing was stored" },
    };

    [Theory]
    [MemberData(nameof(FullOrFailingDisks))]
    public void FullOrFailingDisk_IsA503_SayingNothingWasStored(Exception failure, string message) =>
        Assert.Contains(message, DatabaseFailures.AsUnavailable(failure)?.Message);

    [Fact]
    public void OtherFailures_AreNotMistakenForAnUnavailableDatabase()
    {
        Assert.Null(DatabaseFailures.AsUnavailable(new SqliteException("UNIQUE constraint failed", 19, 19 | 8 << 8)));
        Assert.Null(DatabaseFailures.AsUnavailable(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.Null(DatabaseFailures.AsUnavailable(new PostgresException("internal error", "ERROR", "ERROR", "XX000")));
        Assert.Null(DatabaseFailures.AsUnavailable(new IOException("sharing violation", 11)));
    }
}
