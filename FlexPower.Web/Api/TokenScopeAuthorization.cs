using FlexPower.Core.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace FlexPower.Web.Api;

/// <summary>An endpoint needs this token scope. Basic and cookie principals carry no token and pass: their role decides, as before.</summary>
public sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

/// <summary>Managing tokens needs a password (Basic or the page): a token must not mint tokens, not even within its own scopes.</summary>
public sealed record NoTokenRequirement : IAuthorizationRequirement;

internal sealed class TokenScopeHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var isToken = context.User.HasClaim(c => c.Type == TokenScopes.TokenIdClaim);
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            if (requirement is ScopeRequirement scope && (!isToken || context.User.HasClaim(TokenScopes.Claim, scope.Scope)))
                context.Succeed(requirement);
            else if (requirement is NoTokenRequirement && !isToken)
                context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Says which scope a token lacked in the 403 (the schemes' own forbid answers only know about roles).</summary>
internal sealed class TokenScopeResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var failed = authorizeResult.Forbidden ? authorizeResult.AuthorizationFailure?.FailedRequirements.ToList() ?? [] : [];
        if (failed.OfType<NoTokenRequirement>().Any())
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, "API tokens cannot manage tokens: use HTTP Basic or the Tokens page.");
        else if (failed.OfType<ScopeRequirement>().FirstOrDefault() is { } missing)
        {
            var held = string.Join(", ", context.User.FindAll(TokenScopes.Claim).Select(c => c.Value));
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden,
                $"This token's scopes ({held}) do not allow this request: it needs the '{missing.Scope}' scope.");
        }
        else await fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}

public static class TokenScopePolicies
{
    public const string NoToken = "no-token";

    public static string For(string scope) => "scope:" + scope;

    public static IServiceCollection AddTokenScopePolicies(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, TokenScopeHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TokenScopeResultHandler>();
        return services.AddAuthorization(options =>
        {
            foreach (var scope in TokenScopes.All)
                options.AddPolicy(For(scope), policy => policy.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(scope)));
            options.AddPolicy(NoToken, policy => policy.RequireAuthenticatedUser().AddRequirements(new NoTokenRequirement()));
        });
    }

    /// <summary>A token calling this endpoint needs <paramref name="scope"/>; other callers are unaffected.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(For(scope));
}
