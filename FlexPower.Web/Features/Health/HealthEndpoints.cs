using FlexPower.Core.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Web.Features.Health;

public sealed record HealthStatus(string Status, string Database);

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", CheckHealth).AllowAnonymous().WithTags("Health").WithName("Health")
            .WithSummary("200 when the database answers and takes writes, 503 otherwise.").Produces<HealthStatus>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    internal static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> CheckHealth(
        IDbContextFactory<FlexPowerDbContext> dbFactory, IDatabaseHealth database, DatabaseOutage outage, CancellationToken cancellationToken)
    {
        try
        {
            if (await database.ProblemAsync(cancellationToken) is { } problem) return Unhealthy(problem);
            // What the writes met lately (a PostgreSQL server's full disk, which no query shows); it ends when a write is stored.
            if (outage.Problem is { } refusing) return Unhealthy(refusing);
            // A real query against the schema, not just an open file handle.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Users.AnyAsync(cancellationToken);
            return TypedResults.Ok(new HealthStatus("healthy", "reachable and writable"));
        }
        catch (DbException e)
        {
            return Unhealthy(e.Message);
        }
    }

    private static JsonHttpResult<HealthStatus> Unhealthy(string problem) =>
        TypedResults.Json(new HealthStatus("unhealthy", problem), statusCode: StatusCodes.Status503ServiceUnavailable);
}
