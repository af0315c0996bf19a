using System.Security.Claims;
using FlexPower.Core.Accounts;

namespace FlexPower.Web.Features.Users;

public sealed record NewUserRequest(string? UserName, string? Password, string? Role, string? TraderId);

public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/v1/users").WithTags("Users").RequireAuthorization(policy => policy.RequireRole(Roles.Manager));
        users.MapGet("", ListUsers).WithSummary("Lists every account with role, trader id and status (no secrets).");
        users.MapPost("", CreateUser).WithSummary("Creates a Trader (with trader_id) or Manager account.");
        return routes;
    }

    internal static async Task<Ok<IReadOnlyList<AccountSummary>>> ListUsers(AccountService accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(await accounts.ListAsync(cancellationToken));

    internal static async Task<Created<AccountSummary>> CreateUser(NewUserRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var created = await accounts.CreateAsync(new NewAccount(request.UserName, request.Password, request.Role, request.TraderId), cancellationToken);
        return TypedResults.Created($"/v1/users/{created.Id}", created);
    }
}
