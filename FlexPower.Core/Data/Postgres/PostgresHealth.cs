using FlexPower.Core.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FlexPower.Core.Data.Postgres;

/// <summary>The server answers, and this session may write (not a read-only replica or a database in recovery).</summary>
internal sealed class PostgresHealth(IDbContextFactory<FlexPowerDbContext> dbFactory) : IDatabaseHealth
{
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var readOnly = await db.Database.SqlQueryRaw<string>("SELECT current_setting('transaction_read_only') AS \"Value\"").SingleAsync(cancellationToken);
            return readOnly == "on" ? "the PostgreSQL database is read-only" : null;
        }
        catch (PostgresException e) when (DatabaseFailures.IsSessionRefused(e))
        {
            return $"the PostgreSQL server refuses new sessions ({e.SqlState}: {Echo.Value(e.MessageText)}): its disk may be full";
        }
        catch (NpgsqlException e)
        {
            return $"the PostgreSQL server cannot be reached ({e.Message})";
        }
    }
}
