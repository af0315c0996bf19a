using System.Text.Json.Nodes;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Limits;
using Microsoft.AspNetCore.Authorization;
using FlexPower.Core.Tokens;
using FlexPower.Web.Api;

namespace FlexPower.Web.Features.Limits;

/// <summary>A trader's limits as the API shows them: null means no limit.</summary>
public record LimitDto(string TraderId, long? MaxOpenMw, decimal? MaxDailyLossEur, DateTime? UpdatedUtc, string? UpdatedBy)
{
    public static LimitDto From(TraderLimit l) => new(l.TraderId, l.MaxOpenMw, l.MaxDailyLossCents is { } c ? c / 100m : null,
        DateTime.SpecifyKind(l.UpdatedUtc, DateTimeKind.Utc), l.UpdatedBy);
}

/// <summary>The answer to a PUT: the limits now stored, and a warning when no account has the trader id (null otherwise).</summary>
public sealed record StoredLimitDto(string TraderId, long? MaxOpenMw, decimal? MaxDailyLossEur, DateTime? UpdatedUtc, string? UpdatedBy, string? Warning)
    : LimitDto(TraderId, MaxOpenMw, MaxDailyLossEur, UpdatedUtc, UpdatedBy)
{
    public static StoredLimitDto From(string traderId, LimitSet set)
    {
        if (set.Limit is null) return new(traderId.Trim(), null, null, null, null, set.Warning);
        var stored = LimitDto.From(set.Limit);
        return new(stored.TraderId, stored.MaxOpenMw, stored.MaxDailyLossEur, stored.UpdatedUtc, stored.UpdatedBy, set.Warning);
    }
}

/// <summary>The body of <c>PUT /v1/limits/{trader_id}</c>; an omitted or null field means no limit of that kind.</summary>
public sealed record LimitBody(long? MaxOpenMw, decimal? MaxDailyLossEur);

public static class LimitsEndpoints
{
    public static IEndpointRouteBuilder MapLimitsEndpoints(this IEndpointRouteBuilder routes)
    {
        var limits = routes.MapGroup("/v1/limits").WithTags("Limits").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Manager });
        limits.MapGet("", ListLimits).WithName("ListLimits").RequireScope(TokenScopes.Read).WithSummary("Every trader's limits (traders without limits are not listed).");
        limits.MapPut("/{traderId}", PutLimit).WithName("PutLimit").RequireScope(TokenScopes.Admin).Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("Sets one trader's limits: max_open_mw (MW per delivery hour, |net|) and max_daily_loss_eur (EUR per delivery day, MtM where priced, cash otherwise); null or omitted = no limit, both null removes the trader's limits. The answer's warning says when no account has the trader id.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody!.Content!["application/json"].Example = JsonNode.Parse("""{"max_open_mw": 50, "max_daily_loss_eur": 10000}""");
                return Task.CompletedTask;
            });
        return routes;
    }

    internal static async Task<Ok<List<LimitDto>>> ListLimits(Caller caller, LimitService limits, CancellationToken cancellationToken) =>
        TypedResults.Ok((await limits.ListAsync(caller, cancellationToken)).Select(LimitDto.From).ToList());

    internal static async Task<Ok<StoredLimitDto>> PutLimit(string traderId, LimitBody body, Caller caller, LimitService limits, CancellationToken cancellationToken) =>
        TypedResults.Ok(StoredLimitDto.From(traderId, await limits.SetAsync(caller, traderId, new LimitInput(body.MaxOpenMw, body.MaxDailyLossEur), cancellationToken)));
}
