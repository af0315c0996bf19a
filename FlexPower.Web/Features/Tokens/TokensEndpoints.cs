using System.Text.Json.Nodes;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Tokens;
using FlexPower.Web.Api;

namespace FlexPower.Web.Features.Tokens;

/// <summary>The body of <c>POST /v1/tokens</c>; expires_at is RFC 3339, omitted for 90 days.</summary>
public sealed record TokenBody(string? Name, List<string>? Scopes, DateTimeOffset? ExpiresAt);

/// <summary>A token as listed: never its secret. Owner matters to managers, who list everyone's.</summary>
public sealed record TokenDto(long Id, string Name, string Owner, IReadOnlyList<string> Scopes, string Hint, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt)
{
    public static TokenDto From(TokenView t) => new(t.Id, t.Name, t.Owner, t.Scopes, t.Hint, t.CreatedUtc, t.ExpiresUtc, t.LastUsedUtc);
}

/// <summary>The answer to a POST: the only time the secret (<c>token</c>) is shown.</summary>
public sealed record CreatedTokenDto(long Id, string Name, IReadOnlyList<string> Scopes, DateTime ExpiresAt, string Token);

public static class TokensEndpoints
{
    public static IEndpointRouteBuilder MapTokensEndpoints(this IEndpointRouteBuilder routes)
    {
        var tokens = routes.MapGroup("/v1/tokens").WithTags("Tokens").RequireAuthorization(TokenScopePolicies.NoToken);
        tokens.MapGet("", ListTokens).WithName("ListTokens")
            .WithSummary("Your API tokens not revoked, newest first (a Manager: everyone's, with the owner). Never the secrets. Needs Basic, not a token.");
        tokens.MapPost("", CreateToken).WithName("CreateToken").Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("Creates an API token for your account: scopes read, trade (post and import trades), admin (managers: users, limits, prices); expires_at (RFC 3339) at most a year ahead, default 90 days. The answer's token is the secret, shown this once.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody!.Content!["application/json"].Example = JsonNode.Parse("""{"name": "nightly export", "scopes": ["read"], "expires_at": "2027-03-01T00:00:00Z"}""");
                return Task.CompletedTask;
            });
        tokens.MapDelete("/{id:long}", RevokeToken).WithName("RevokeToken").Produces<ApiError>(StatusCodes.Status404NotFound)
            .WithSummary("Revokes a token at once, on every instance: your own (a Manager: anyone's). Another person's token is 404 to a Trader.");
        return routes;
    }

    internal static async Task<Ok<List<TokenDto>>> ListTokens(Caller caller, TokenService tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok((await tokens.ListAsync(caller, cancellationToken)).Select(TokenDto.From).ToList());

    internal static async Task<Created<CreatedTokenDto>> CreateToken(TokenBody body, Caller caller, TokenService tokens, CancellationToken cancellationToken)
    {
        var created = await tokens.CreateAsync(caller, new NewToken(body.Name, body.Scopes, body.ExpiresAt), cancellationToken);
        var t = created.Token;
        return TypedResults.Created((string?)null, new CreatedTokenDto(t.Id, t.Name, t.Scopes, t.ExpiresUtc, created.Secret));
    }

    internal static async Task<NoContent> RevokeToken(long id, Caller caller, TokenService tokens, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(caller, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
