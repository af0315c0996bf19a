using FlexPower.Core.Accounts;
using FlexPower.Core.Alerts;
using FlexPower.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using FlexPower.Core.Tokens;
using FlexPower.Web.Api;

namespace FlexPower.Web.Features.Alerts;

public sealed record AlertDto(long Id, string Kind, string Subject, string State, DateTime Since, string Message, DateTime? ClearedUtc, string? ClearedMessage,
    DateTime? AcknowledgedUtc, string? AcknowledgedBy)
{
    public static AlertDto From(Alert a) => new(a.Id, a.Kind, a.Subject, a.ClearedUtc is null ? "open" : "cleared", Utc(a.RaisedUtc), a.Message,
        a.ClearedUtc is { } c ? Utc(c) : null, a.ClearedMessage, a.AcknowledgedUtc is { } k ? Utc(k) : null, a.AcknowledgedBy);

    internal static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}

public sealed record DeliveryDto(long Id, long AlertId, string Kind, string Subject, string Event, string Channel, string Status, int Attempts,
    DateTime CreatedUtc, DateTime? LastAttemptUtc, DateTime? NextAttemptUtc, DateTime? DeliveredUtc, string? LastError)
{
    public static DeliveryDto From(DeliveryLogEntry d) => new(d.Id, d.AlertId, d.Kind, d.Subject, d.Event.ToString().ToLowerInvariant(),
        d.Channel.ToString().ToLowerInvariant(), d.Status.ToString().ToLowerInvariant(), d.Attempts, AlertDto.Utc(d.CreatedUtc),
        d.LastAttemptUtc is { } l ? AlertDto.Utc(l) : null, d.Status == DeliveryStatus.Pending ? AlertDto.Utc(d.NextAttemptUtc) : null,
        d.DeliveredUtc is { } s ? AlertDto.Utc(s) : null, d.LastError);
}

public static class AlertsEndpoints
{
    public static IEndpointRouteBuilder MapAlertsEndpoints(this IEndpointRouteBuilder routes)
    {
        var alerts = routes.MapGroup("/v1/alerts").WithTags("Alerts").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Manager });
        alerts.MapGet("", ListAlerts).WithName("ListAllAlerts").RequireScope(TokenScopes.Read).Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("Missing exchange files and limit breaches together: ?state=open (default, oldest first), ?state=cleared or ?state=all (the latest ?take=, default 200, newest first); "
                + "?kind= (missing_file, open_position_limit, daily_loss_limit) and ?trader_id= (that trader's limit alerts) narrow it.");
        alerts.MapGet("/deliveries", ListDeliveries).WithName("ListAlertDeliveries").RequireScope(TokenScopes.Read).Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("The delivery log: every alert event per channel (webhook, email) with status, attempts and the last error; newest first.");
        alerts.MapPost("/{id:long}/acknowledge", Acknowledge).WithName("AcknowledgeAlert").RequireScope(TokenScopes.Admin)
            .WithSummary("Marks an open alert as seen by you (it stays open until its cause is gone); again: 200, unchanged. Unknown: 404; cleared: 409.")
            .Produces<ApiError>(StatusCodes.Status404NotFound).Produces<ApiError>(StatusCodes.Status409Conflict);
        return routes;
    }

    internal static async Task<Ok<AlertDto>> Acknowledge(long id, Caller caller, AlertService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(AlertDto.From(await service.AcknowledgeAsync(caller, id, cancellationToken)));

    internal static async Task<Ok<List<AlertDto>>> ListAlerts(Caller caller, AlertService service, string? state, int? take, string? kind,
        [FromQuery(Name = "trader_id")] string? traderId, CancellationToken cancellationToken)
    {
        var parsed = state?.Trim().ToLowerInvariant() switch
        {
            null or "" or "open" => AlertState.Open,
            "cleared" => AlertState.Cleared,
            "all" => AlertState.All,
            _ => throw new ValidationFailedException($"state '{Echo.Value(state)}' is unknown: use open (the default), cleared or all."),
        };
        var count = ValidTake(take, 200);
        var alerts = await service.ListAsync(caller, parsed, count, NullIfBlank(kind)?.ToLowerInvariant(), NullIfBlank(traderId), cancellationToken);
        return TypedResults.Ok(alerts.Select(AlertDto.From).ToList());
    }

    internal static async Task<Ok<List<DeliveryDto>>> ListDeliveries(Caller caller, AlertService service, int? take, CancellationToken cancellationToken) =>
        TypedResults.Ok((await service.DeliveriesAsync(caller, ValidTake(take, 100), cancellationToken)).Select(DeliveryDto.From).ToList());

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int ValidTake(int? take, int fallback) => take switch
    {
        null => fallback,
        < 1 or > 1000 => throw new ValidationFailedException($"take must be 1-1000 (got {take})."),
        var t => t.Value,
    };
}
