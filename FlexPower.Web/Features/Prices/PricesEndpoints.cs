using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Import;
using FlexPower.Core.Prices;
using FlexPower.Core.Reports;
using FlexPower.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using FlexPower.Core.Tokens;

namespace FlexPower.Web.Features.Prices;

public sealed record PriceImportResultDto(long ImportId, string Series, string FileName, string Sha256, string Status, string? Layout, int Rows,
    int Inserted, int Updated, int Unchanged, IReadOnlyList<RejectedRow> Rejected, int RejectedCount, string? Message)
{
    public static PriceImportResultDto From(PriceImportResult r) => new(r.ImportId, r.Series, r.FileName, r.Sha256, ImportStatusText.Of(r.Status), r.Layout,
        r.Rows, r.Inserted, r.Updated, r.Unchanged, r.Rejected, r.RejectedCount, r.Message);
}

public sealed record PriceListDto(string Series, DateOnly From, DateOnly To, IReadOnlyList<PeriodPrice> Hours);

public static class PricesEndpoints
{
    public static IEndpointRouteBuilder MapPricesEndpoints(this IEndpointRouteBuilder routes)
    {
        var maxUploadBytes = routes.ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value.MaxUploadBytes;
        var prices = routes.MapGroup("/v1/prices").WithTags("Prices").RequireAuthorization();
        prices.MapGet("", ListPrices).WithName("ListPrices").RequireScope(TokenScopes.Read)
            .WithSummary("A reference series' prices (EUR/MWh) per period (hours and quarter-hours, each with its UTC start and end) between two delivery days; ?series= defaults to Reports:ReferenceSeries. Any signed-in user.")
            .Produces<ApiError>(StatusCodes.Status400BadRequest);
        prices.MapGet("/series", ListSeries).WithName("ListPriceSeries").RequireScope(TokenScopes.Read).WithSummary("Every series with prices: periods stored (as hours), first and last day.");
        prices.MapPost("/import", ImportPrices).WithName("ImportPrices").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Manager }).RequireScope(TokenScopes.Admin)
            .WithMetadata(new RequestSizeLimitAttribute(maxUploadBytes))
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status403Forbidden).Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .AcceptsUploadedFile("delivery_day,delivery_hour,price_eur_mwh or delivery_start,delivery_end,price_eur_mwh (UTC, 15 or 60 minutes; any order), or a SMARD wholesale-price export (semicolon separated, German numbers).",
                "delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,100.00\n2023-02-28,20,80.00\n")
            .WithSummary("Imports reference prices into ?series= (required): body as text/csv (name in ?file_name=) or multipart field 'file'; ?force=true re-runs known content. Managers only.");
        return routes;
    }

    internal static async Task<Ok<PriceImportResultDto>> ImportPrices(HttpRequest request, string? series, [FromQuery(Name = "file_name")] string? fileName,
        bool? force, Caller caller, PriceImportService prices, CancellationToken cancellationToken)
    {
        var name = PriceRules.Series(series);
        var (content, file) = await UploadedFile.OpenAsync(request, fileName, cancellationToken);
        await using (content)
        {
            var result = await prices.ImportAsync(content, new PriceImportRequest(name, file, ImportSource.Api, caller, force ?? false), cancellationToken);
            return TypedResults.Ok(PriceImportResultDto.From(result));
        }
    }

    internal static async Task<Ok<PriceListDto>> ListPrices(string? series, string? from, string? to, PriceService prices, ReportService reports, CancellationToken cancellationToken)
    {
        var name = reports.Series(series);
        var (start, end) = ReportRules.Range(from, to);
        return TypedResults.Ok(new PriceListDto(name, start, end, await prices.ListAsync(name, start, end, cancellationToken)));
    }

    internal static async Task<Ok<IReadOnlyList<PriceSeriesSummary>>> ListSeries(PriceService prices, CancellationToken cancellationToken) =>
        TypedResults.Ok(await prices.SeriesAsync(cancellationToken));
}
