using System.Text.Json;
using System.Text.Json.Nodes;
using FlexPower.Core.Common;
using FlexPower.Core.Planning;
using FlexPower.Core.Tokens;
using FlexPower.Web.Api;

namespace FlexPower.Web.Features.Planner;

/// <summary>The contract's answer: every plant once, in merit order, p in MW with one decimal.</summary>
public sealed record PlantDispatch(string Name, decimal P);

public static class PlanningEndpoints
{
    public static IEndpointRouteBuilder MapPlanningEndpoints(this IEndpointRouteBuilder routes, IConfiguration configuration)
    {
        foreach (var path in new[] { "/productionplan", "/v1/productionplan" })
        {
            var endpoint = routes.MapPost(path, ProductionPlan).WithTags("Planning").WithName(path == "/productionplan" ? "ProductionPlan" : "ProductionPlanV1")
                .WithSummary("The cheapest feasible production plan for the load (exact, 0.1 MW); ?co2=false leaves the CO2 cost out.")
                .Produces<ApiError>(StatusCodes.Status400BadRequest)
                .AddOpenApiOperationTransformer((operation, _, _) =>
                {
                    operation.RequestBody!.Content!["application/json"].Example = JsonNode.Parse(PayloadWriter.Write(PlannerExamples.All[0].Request));
                    return Task.CompletedTask;
                });
            // Authenticated like the rest of the API unless the operator opens it explicitly.
            if (configuration.GetValue<bool>("Planner:AllowAnonymous")) endpoint.AllowAnonymous();
            else endpoint.RequireAuthorization().RequireScope(TokenScopes.Read);
        }
        return routes;
    }

    internal static Ok<List<PlantDispatch>> ProductionPlan(JsonElement body, bool? co2)
    {
        var plan = ProductionPlanner.Solve(PayloadReader.Read(body, includeCo2: co2 ?? true));
        return TypedResults.Ok(plan.Outputs.Select(o => new PlantDispatch(o.Name, o.P)).ToList());
    }
}
