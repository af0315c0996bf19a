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
        // A session the server ended comes wrapped by EF (DatabaseFailures.FailureOf unwraps it).
        catch (Exception e) when (DatabaseFailures.FailureOf<NpgsqlException>(e) is { } failure)
        {
            return failure is PostgresException refused && DatabaseFailures.IsSessionRefused(refused)
                ? $"the PostgreSQL server refuses new sessions ({refused.SqlState}: {Echo.Value(refused.MessageText)}){DatabaseFailures.DiskHint(refused, ": its disk may be full")}"
                : $"the PostgreSQL server cannot be reached ({failure.Message})";
        }
    }
}
