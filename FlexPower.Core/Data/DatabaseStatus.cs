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
        // EF wraps a failure it takes for transient in an InvalidOperationException. A query given up at the caller's token is
        // no answer, not a failure: Npgsql's OperationCanceledException carries the server's "canceling statement" inside.
        catch (Exception e) when (e is not OperationCanceledException && (e as DbException ?? e.InnerException as DbException) is { } failure)
        {
            return failure.Message;
        }
    }
}
