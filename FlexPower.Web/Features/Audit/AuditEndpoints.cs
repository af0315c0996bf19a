using System.Text.Json.Nodes;
using FlexPower.Core.Accounts;
using FlexPower.Core.Audit;
using FlexPower.Core.Common;
using FlexPower.Core.Tokens;
using FlexPower.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace FlexPower.Web.Features.Audit;

/// <summary>One audit entry: before and after as the JSON objects recorded (null where there was nothing).</summary>
public sealed record AuditEntryDto(long Id, DateTime At, string User, string? Address, string Kind, string Subject, JsonNode? Before, JsonNode? After)
{
    public static AuditEntryDto From(AuditEntry e) => new(e.Id, DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc), e.UserName, e.Address, e.Kind, e.Subject,
        e.Before is { } before ? JsonNode.Parse(before) : null, e.After is { } after ? JsonNode.Parse(after) : null);
}

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/v1/audit").WithTags("Audit").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Manager })
            .MapGet("", ListAudit).WithName("ListAudit").RequireScope(TokenScopes.Read).Produces<ApiError>(StatusCodes.Status400BadRequest)
            .WithSummary("The audit trail, newest first: ?user=, ?kind= (user.create, limit.set, …), ?from= and ?to= (a Europe/Berlin day YYYY-MM-DD, " +
                         "to inclusive, or an instant with Z or an offset, to exclusive), ?take= (1-1000, default 200), ?before_id= (the next page: the last id seen).");

        // The Audit page's download: cookie-authenticated like the page, streamed.
        routes.MapGet("/audit/export.csv", ExportAudit).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Manager }).ExcludeFromDescription();
        return routes;
    }

    internal static async Task<Ok<List<AuditEntryDto>>> ListAudit(string? user, string? kind, string? from, string? to,
        [FromQuery(Name = "before_id")] string? beforeId, string? take, Caller caller, AuditService audit, CancellationToken cancellationToken)
    {
        var filter = AuditFilter.Parse(user, kind, from, to, beforeId, take);
        return TypedResults.Ok((await audit.ListAsync(caller, filter, cancellationToken)).Select(AuditEntryDto.From).ToList());
    }

    internal static async Task ExportAudit(HttpContext context, Caller caller, AuditService audit, CancellationToken cancellationToken)
    {
        var q = context.Request.Query;
        var filter = AuditFilter.Parse(q["user"], q["kind"], q["from"], q["to"], null, null);
        var entries = audit.Export(caller, filter, cancellationToken);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
        await AuditCsv.WriteAsync(context.Response.Body, entries, cancellationToken);
    }
}
