using FlexPower.Core.Common;
using FlexPower.Web.Components.Layout;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace FlexPower.Web.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json and the interactive reference at /scalar/v1: HTTP Basic and API tokens
/// (Bearer) as the security schemes, and on every operation that requires it the 401 (and, for role-restricted ones, 403) that authentication
/// answers with the contract's Error body. Endpoints declare their own outcomes (200, 400, 403, 404, 409) themselves.
/// </summary>
public static class OpenApiSetup
{
    private const string SchemeId = "Basic";
    private const string TokenSchemeId = "Bearer";

    public static IServiceCollection AddFlexPowerOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "FlexPower API";
            document.Info.Description = "Trades, imports, PnL reports, users and the production planner of an intraday power desk. " +
                "Prices are eurocent/MWh, quantities MW for one delivery hour; delivery days and hours are Europe/Berlin, execution times UTC. " +
                "Every call uses HTTP Basic with a FlexPower account or an API token (Authorization: Bearer fp_…, created on the Tokens page or " +
                "with POST /v1/tokens; scopes read, trade, admin); failures answer {\"status_code\", \"message\"}.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "A FlexPower user name and password. A Trader sees and stores only their own trader id; a Manager the whole desk.",
            };
            document.Components.SecuritySchemes[TokenSchemeId] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "fp_…",
                Description = "An API token (fp_…): acts as its owner within its scopes — read (every GET), trade (post and import trades), " +
                    "admin (managers: users, limits, prices imports); outside them 403. Tokens cannot manage tokens.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any()) return;
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
            if (!metadata.OfType<IAuthorizeData>().Any(a => a.Policy == TokenScopePolicies.NoToken))
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(TokenSchemeId, context.Document)] = [] });
            var error = await context.GetOrCreateSchemaAsync(typeof(ApiError), null, cancellationToken);
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", Response("Missing or wrong credentials (with WWW-Authenticate), an invalid, expired or revoked token, a locked or disabled account.", error));
            if (metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Roles) || a.Policy is not null))
                operation.Responses.TryAdd("403", Response("The account's role, or the token's scopes, do not allow this request.", error));
        });
    });

    public static IEndpointRouteBuilder MapFlexPowerApiReference(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi().AllowAnonymous();
        // Everything the page needs ships in the package: no CDN fonts, no telemetry, no hosted AI or MCP services.
        routes.MapScalarApiReference((options, context) =>
        {
            // The app's light/dark switch (its cookie) decides here too; without a choice Scalar follows the OS.
            options.ForceThemeMode = ThemeCookie.Choice(context.Request) switch
            {
                true => ThemeMode.Dark,
                false => ThemeMode.Light,
                null => null,
            };
            options.WithTitle("FlexPower API")
                .AddPreferredSecuritySchemes(SchemeId)
                .AddHttpAuthentication(SchemeId, _ => { })
                .AddHttpAuthentication(TokenSchemeId, _ => { })
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
