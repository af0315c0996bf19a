using System.Security.Claims;
using System.Text.Json;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;
using Microsoft.AspNetCore.Mvc;

namespace FlexPower.Web.Features.Trades;

public static class TradesEndpoints
{
    public static IEndpointRouteBuilder MapTradesEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/v1/trades").WithTags("Trades").RequireAuthorization();
        api.MapGet("", ListTrades).WithSummary("Trades ordered by delivery day, hour, execution time, id; a Trader gets only their own.");
        api.MapPost("", AddTrade).WithSummary("Stores one trade; an identical repeat is 200, the same id with other values 409.")
            .Accepts<TradeDto>("application/json");

        // The trades page's download: cookie-authenticated like the page, streamed like the API.
        routes.MapGet("/trades/export.csv", ExportTrades).RequireAuthorization().ExcludeFromDescription();
        return routes;
    }

    internal static Ok<IAsyncEnumerable<TradeDto>> ListTrades(
        [FromQuery(Name = "trader_id")] string? traderId, [FromQuery(Name = "delivery_day")] string? deliveryDay,
        ClaimsPrincipal user, TradeService trades, CancellationToken cancellationToken)
    {
        DateOnly? day = null;
        if (!string.IsNullOrEmpty(deliveryDay))
            day = TradeRules.TryParseDay(deliveryDay, out var parsed) ? parsed
                : throw new ValidationFailedException($"delivery_day must be a real date as YYYY-MM-DD (got '{deliveryDay}').");
        return TypedResults.Ok(trades.Stream(Caller.From(user), traderId, day, cancellationToken));
    }

    internal static async Task<Ok<TradeDto>> AddTrade(JsonElement body, ClaimsPrincipal user, TradeService trades, CancellationToken cancellationToken)
    {
        var (_, trade) = await trades.AddAsync(Caller.From(user), TradeJson.Read(body), cancellationToken);
        return TypedResults.Ok(TradeDto.From(trade));
    }

    internal static async Task ExportTrades(HttpContext context, ClaimsPrincipal user, TradeService trades, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var filter = TradeFilterQuery.Parse(context.Request.Query);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{TradeFilterQuery.FileName(filter, caller)}\"";
        await TradeCsv.WriteAsync(context.Response.Body, trades.Export(caller, filter, cancellationToken), cancellationToken);
    }
}
