using System.Text.Json;
using System.Text.Json.Nodes;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using Microsoft.AspNetCore.Mvc;
using FlexPower.Core.Tokens;
using FlexPower.Web.Api;

namespace FlexPower.Web.Features.Trades;

public static class TradesEndpoints
{
    public static IEndpointRouteBuilder MapTradesEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/v1/trades").WithTags("Trades").RequireAuthorization();
        api.MapGet("", ListTrades).WithName("ListTrades").RequireScope(TokenScopes.Read)
            .WithSummary("Trades ordered by delivery day, hour, execution time, id; a Trader gets only their own.")
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status403Forbidden);
        api.MapPost("", AddTrade).WithName("AddTrade").RequireScope(TokenScopes.Trade)
            .WithSummary("Stores one trade; an identical repeat is 200, the same id with other values 409.")
            .Accepts<TradeDto>("application/json")
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status403Forbidden).Produces<ApiError>(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody!.Content!["application/json"].Example = JsonNode.Parse("""
                    {"id": "t_123", "price": 12000, "quantity": 12, "direction": "sell", "delivery_day": "2023-02-28", "delivery_hour": 14, "trader_id": "trader_1", "execution_time": "2023-02-28T11:12:35Z"}
                    """);
                return Task.CompletedTask;
            });

        // The trades page's download: cookie-authenticated like the page, streamed like the API.
        routes.MapGet("/trades/export.csv", ExportTrades).RequireAuthorization().ExcludeFromDescription();
        return routes;
    }

    internal static Ok<IAsyncEnumerable<TradeDto>> ListTrades(
        [FromQuery(Name = "trader_id")] string? traderId, [FromQuery(Name = "delivery_day")] string? deliveryDay,
        Caller caller, TradeService trades, CancellationToken cancellationToken)
    {
        DateOnly? day = string.IsNullOrEmpty(deliveryDay) ? null : ReportRules.Day(deliveryDay, "delivery_day");
        return TypedResults.Ok(trades.Stream(caller, traderId, day, cancellationToken));
    }

    internal static async Task<Ok<TradeDto>> AddTrade(JsonElement body, Caller caller, TradeService trades, CancellationToken cancellationToken)
    {
        var (_, trade) = await trades.AddAsync(caller, TradeJson.Read(body), cancellationToken);
        return TypedResults.Ok(TradeDto.From(trade));
    }

    internal static async Task ExportTrades(HttpContext context, Caller caller, TradeService trades, CancellationToken cancellationToken)
    {
        var filter = TradeFilterQuery.Parse(context.Request.Query);
        var sort = TradeSortQuery.Parse(context.Request.Query["sort"]);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{TradeFilterQuery.FileName(filter, caller)}\"";
        await TradeCsv.WriteAsync(context.Response.Body, trades.Export(caller, filter, sort, cancellationToken), cancellationToken);
    }
}
