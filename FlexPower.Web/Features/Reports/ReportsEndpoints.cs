using Microsoft.AspNetCore.Authorization;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Reports;
using Microsoft.AspNetCore.Mvc;
using FlexPower.Core.Tokens;
using FlexPower.Web.Api;

namespace FlexPower.Web.Features.Reports;

public static class ReportsEndpoints
{
    public static IEndpointRouteBuilder MapReportsEndpoints(this IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("/v1/reports").WithTags("Reports").RequireAuthorization().RequireScope(TokenScopes.Read);
        reports.MapGet("/pnl", DayReport).WithName("DayReport")
            .WithSummary("PnL, net position, VWAPs and MtM per Europe/Berlin delivery period of one day for one trader, with a total; ?resolution=PT15M|PT30M|PT60M (default PT60M) sets the periods, ?series= the reference series (default Reports:ReferenceSeries).")
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status403Forbidden);
        reports.MapGet("/pnl/range", RangeReport).WithName("RangeReport")
            .WithSummary("PnL, net MW and MtM per day, week or month between two days, with cumulative PnL; managers may omit trader_id for the desk.")
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status403Forbidden);
        // The reports page's download: cookie-authenticated like the page, the same rows the page shows.
        routes.MapGet("/reports/range.csv", ExportRange).RequireAuthorization().ExcludeFromDescription();
        reports.MapGet("/traders", TraderSummary).WithName("TraderSummary").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Manager })
            .WithSummary("Per trader over a range: trades, MW, PnL, net MW, MtM, best and worst day; best first.")
            .Produces<ApiError>(StatusCodes.Status400BadRequest);
        return routes;
    }

    internal static async Task<Ok<DayReport>> DayReport([FromQuery(Name = "trader_id")] string? traderId, [FromQuery(Name = "delivery_day")] string? deliveryDay,
        string? series, string? resolution, Caller caller, ReportService reports, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reports.DayAsync(caller, traderId, ReportRules.Day(deliveryDay, "delivery_day"), series, cancellationToken, ReportRules.ParseResolution(resolution)));

    internal static async Task<Ok<RangeReport>> RangeReport([FromQuery(Name = "trader_id")] string? traderId, string? from, string? to, string? granularity,
        string? series, Caller caller, ReportService reports, CancellationToken cancellationToken)
    {
        var (start, end) = ReportRules.Range(from, to);
        return TypedResults.Ok(await reports.RangeAsync(caller, traderId, start, end, ReportRules.ParseGranularity(granularity), series, cancellationToken));
    }

    internal static async Task<FileContentHttpResult> ExportRange(string? trader, string? from, string? to, string? granularity,
        string? series, Caller caller, ReportService reports, CancellationToken cancellationToken)
    {
        var (start, end) = ReportRules.Range(from, to);
        var report = await reports.RangeAsync(caller, trader, start, end, ReportRules.ParseGranularity(granularity), series, cancellationToken);
        var csv = new MemoryStream();
        ReportCsv.Write(csv, report);
        return TypedResults.File(csv.ToArray(), "text/csv", ReportCsv.FileName(report));
    }

    internal static async Task<Ok<TraderSummaryReport>> TraderSummary(string? from, string? to, string? series, Caller caller, ReportService reports, CancellationToken cancellationToken)
    {
        var (start, end) = ReportRules.Range(from, to);
        return TypedResults.Ok(await reports.TradersAsync(caller, start, end, series, cancellationToken));
    }
}
