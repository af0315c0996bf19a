using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Data;

/// <summary>Whether the database answers and takes writes right now: what <c>/health</c> answers and readiness starts from.</summary>
public sealed class DatabaseStatus(IDbContextFactory<FlexPowerDbContext> dbFactory, IDatabaseHealth database, DatabaseOutage outage)
{
    /// <summary>Null when the database answers a query and takes writes, otherwise why not.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await database.ProblemAsync(cancellationToken) is { } problem) return problem;
            // What the writes met lately (a PostgreSQL server's full disk, which no query shows); it ends when a write is stored.
            if (outage.Problem is { } refusing) return refusing;
            // A real query against the schema, not just an open file handle.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Users.AnyAsync(cancellationToken);
            return null;
        }
        catch (Exception e) when (DatabaseFailures.FailureOf<DbException>(e) is { } failure)
        {
            return failure.Message;
        }
    }
}
