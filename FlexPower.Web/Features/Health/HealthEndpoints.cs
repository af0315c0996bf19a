using FlexPower.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace FlexPower.Web.Features.Health;

public sealed record HealthStatus(string Status, string Database);

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        // Monitors have no credentials; the answers name checks and problems, never a connection string or a stack trace.
        var health = routes.MapGroup("/health").AllowAnonymous().WithTags("Health");
        health.MapGet("", CheckHealth).WithName("Health")
            .WithSummary("200 when the database answers and takes writes, 503 otherwise.").Produces<HealthStatus>(StatusCodes.Status503ServiceUnavailable);
        health.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.WriteAsync });
        health.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthSetup.ReadyTag),
            ResponseWriter = (context, report) =>
            {
                context.RequestServices.GetRequiredService<ReadinessLog>().Observe(report);
                return HealthReportWriter.WriteAsync(context, report);
            },
        });
        return routes;
    }

    internal static async Task<Results<Ok<HealthStatus>, JsonHttpResult<HealthStatus>>> CheckHealth(DatabaseStatus database, CancellationToken cancellationToken) =>
        await database.ProblemAsync(cancellationToken) is { } problem
            ? TypedResults.Json(new HealthStatus("unhealthy", problem), statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(new HealthStatus("healthy", "reachable and writable"));
}
