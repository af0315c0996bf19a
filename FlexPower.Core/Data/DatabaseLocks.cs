using FlexPower.Core.Data.Postgres;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Data;

/// <summary>
/// Serialises one kind of writer across every instance for the rest of the current transaction: on PostgreSQL an advisory
/// transaction lock; on SQLite the write transaction itself already excludes every other writer.
/// </summary>
internal static class DatabaseLocks
{
    public const string ReferencePrices = "flexpower.reference_prices";
    public const string Alerts = "flexpower.alerts";

    public static async Task TakeAsync(FlexPowerDbContext db, string name, CancellationToken cancellationToken)
    {
        if (db is PostgresFlexPowerDbContext)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({name}))", cancellationToken);
    }
}
