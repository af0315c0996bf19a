using FlexPower.Core.Common;
using Microsoft.Data.Sqlite;

namespace FlexPower.Core.Data.Sqlite;

/// <summary>
/// Functions FlexPower's SQLite migrations call: SQLite knows no time zones, and Europe/Berlin's rules stay in
/// <see cref="BerlinTime"/>. Registered on the connection that migrates (<see cref="DatabaseSetup.PrepareAsync"/>).
/// </summary>
public static class SqliteFunctions
{
    /// <summary>(delivery_day text, delivery_hour integer) → the UTC start of that Berlin hour as stored (<see cref="SqliteStorage.Instant(DateTime)"/>); the autumn day's hour 2 is its first occurrence.</summary>
    public const string BerlinHourStartUtc = "flexpower_berlin_hour_start_utc";

    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string, long, string>(BerlinHourStartUtc,
            (day, hour) => SqliteStorage.Instant(BerlinTime.HourStartUtc(SqliteStorage.ParseDay(day), checked((int)hour))), isDeterministic: true);
}
