using System.Data.Common;
using FlexPower.Core.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlexPower.Core.Data.Sqlite;

/// <summary>
/// Functions FlexPower's SQLite migrations call: SQLite knows no time zones, and Europe/Berlin's rules stay in
/// <see cref="BerlinTime"/>. Registered on every connection the SQLite context opens (<see cref="Registration"/>), so a
/// migration finds them however it is run: at start, by <c>migrate</c>, by EF's migrator or the design-time tools.
/// </summary>
public static class SqliteFunctions
{
    /// <summary>(delivery_day text, delivery_hour integer) → the UTC start of that Berlin hour as stored (<see cref="SqliteStorage.Instant(DateTime)"/>); the autumn day's hour 2 is its first occurrence.</summary>
    public const string BerlinHourStartUtc = "flexpower_berlin_hour_start_utc";

    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string, long, string>(BerlinHourStartUtc,
            (day, hour) => SqliteStorage.Instant(BerlinTime.HourStartUtc(SqliteStorage.ParseDay(day), checked((int)hour))), isDeterministic: true);

    /// <summary>Registers the functions as the context opens its connection (a function costs SQLite a table entry, no I/O).</summary>
    public sealed class Registration : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Register((SqliteConnection)connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Register((SqliteConnection)connection);
            return Task.CompletedTask;
        }
    }
}
