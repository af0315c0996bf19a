using FlexPower.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace FlexPower.Web.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json and the interactive reference at /scalar/v1: HTTP Basic as the security
/// scheme, and on every operation that requires it the 401 (and, for role-restricted ones, 403) that authentication
/// answers with the contract's Error body. Endpoints declare their own outcomes (200, 400, 403, 404, 409) themselves.
/// </summary>
public static class OpenApiSetup
{
    private const string SchemeId = "Basic";

    public static IServiceCollection AddFlexPowerOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "FlexPower API";
            document.Info.Description = "Trades, imports, PnL reports, users and the production planner of an intraday power desk. " +
                "Prices are eurocent/MWh, quantities MW for one delivery hour; delivery days and hours are Europe/Berlin, execution times UTC. " +
                "Every call uses HTTP Basic with a FlexPower account; failures answer {\"status_code\", \"message\"}.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "A FlexPower user name and password. A Trader sees and stores only their own trader id; a Manager the whole desk.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any()) return;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
            var error = await context.GetOrCreateSchemaAsync(typeof(ApiError), null, cancellationToken);
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", Response("Missing or wrong credentials (with WWW-Authenticate: Basic), a locked or disabled account.", error));
            if (metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Roles)))
                operation.Responses.TryAdd("403", Response("The account's role does not allow this request.", error));
        });
    });

    public static IEndpointRouteBuilder MapFlexPowerApiReference(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi().AllowAnonymous();
        // Everything the page needs ships in the package: no CDN fonts, no telemetry, no hosted AI or MCP services.
        routes.MapScalarApiReference(options =>
        {
            options.WithTitle("FlexPower API")
                .AddPreferredSecuritySchemes(SchemeId)
                .AddHttpAuthentication(SchemeId, _ => { })
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .WithNonce();
            options.DefaultFonts = false;
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.HideClientButton = true;
        }).AllowAnonymous();
        return routes;
    }

    private static OpenApiResponse Response(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
    };
}
