using Microsoft.AspNetCore.Authorization;
using System.Text.Json.Nodes;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Tokens;
using FlexPower.Web.Api;

namespace FlexPower.Web.Features.Users;

/// <summary>The body of a role change: <c>{"role": "Trader", "trader_id": "trader_4"}</c> or <c>{"role": "Manager"}</c>.</summary>
public sealed record RoleChange(string? Role, string? TraderId);

public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/v1/users").WithTags("Users").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Manager }).RequireScope(TokenScopes.Admin);
        users.MapGet("", ListUsers).WithName("ListUsers").WithSummary("Lists every account with role, trader id and status (no secrets).");
        users.MapPost("", CreateUser).WithName("CreateUser").WithSummary("Creates a Trader (with trader_id) or Manager account.")
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody!.Content!["application/json"].Example = JsonNode.Parse("""
                    {"user_name": "dora", "password": "Dora-Passw0rd!", "role": "Trader", "trader_id": "trader_4"}
                    """);
                return Task.CompletedTask;
            });
        users.MapPut("/{id}/role", SetRole).WithName("SetUserRole")
            .WithSummary("Makes an account a Trader (with trader_id) or a Manager; its sessions end. Your own role cannot be changed.")
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status404NotFound);
        return routes;
    }

    internal static async Task<Ok<IReadOnlyList<AccountSummary>>> ListUsers(AccountService accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.ListAsync(cancellationToken));

    internal static async Task<Created<AccountSummary>> CreateUser(NewAccount account, Caller caller, AccountService accounts, CancellationToken cancellationToken)
    {
        var created = await accounts.CreateAsync(caller, account, cancellationToken);
        return TypedResults.Created($"/v1/users/{created.Id}", created);
    }

    internal static async Task<Ok<AccountSummary>> SetRole(string id, RoleChange change, Caller caller, AccountService accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.SetRoleAsync(caller, id, change.Role, change.TraderId, cancellationToken));
}
