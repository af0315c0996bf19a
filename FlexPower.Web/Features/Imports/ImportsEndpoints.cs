using Microsoft.AspNetCore.Authorization;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using FlexPower.Web.Api;
using FlexPower.Core.Tokens;

namespace FlexPower.Web.Features.Imports;

public sealed record ImportResultDto(long ImportId, string FileName, string Sha256, string Status, int Rows, int Inserted, int Duplicates,
    IReadOnlyList<RejectedRow> Rejected, int RejectedCount, string? Message)
{
    public static ImportResultDto From(ImportResult r) => new(r.ImportId, r.FileName, r.Sha256, ImportStatusText.Of(r.Status), r.Rows, r.Inserted,
        r.Duplicates, r.Rejected, r.RejectedCount, r.Message);
}

public sealed record ImportRecordDto(long Id, string Kind, string Source, string FileName, string Sha256, long SizeBytes, string UserName, DateTime StartedUtc,
    DateTime FinishedUtc, int Rows, int Inserted, int Updated, int Duplicates, int Rejected, string Status, bool Forced, string? Message)
{
    public static ImportRecordDto From(ImportRecord r) => new(r.Id, ImportStatusText.Of(r.Kind), ImportStatusText.Of(r.Source), r.FileName, r.Sha256, r.SizeBytes,
        r.UserName, DateTime.SpecifyKind(r.StartedUtc, DateTimeKind.Utc), DateTime.SpecifyKind(r.FinishedUtc, DateTimeKind.Utc), r.Rows, r.Inserted,
        r.Updated, r.Duplicates, r.Rejected, ImportStatusText.Of(r.Status), r.Forced, r.Message);
}

public sealed record MissingFileAlertDto(string FileName, string TradeDay, DateTimeOffset ExpectedByUtc, DateTimeOffset RaisedUtc, string Message);

public static class ImportsEndpoints
{
    public static IEndpointRouteBuilder MapImportsEndpoints(this IEndpointRouteBuilder routes)
    {
        var maxUploadBytes = routes.ServiceProvider.GetRequiredService<IOptions<ImportOptions>>().Value.MaxUploadBytes;
        routes.MapPost("/v1/trades/import", ImportTrades).WithTags("Imports").WithName("ImportTrades").RequireAuthorization().RequireScope(TokenScopes.Trade)
            .WithMetadata(new RequestSizeLimitAttribute(maxUploadBytes))
            .Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status403Forbidden).Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .AcceptsUploadedFile("The exchange file: columns id, price, quantity, direction, delivery_day, delivery_hour, trader_id, execution_time (any order); "
                + "or EPEX SPOT's continuous-trades export (a first line, then its header TradeId,RemoteTradeId,Side,…), whose trader is ?trader_id=.",
                "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\nt_1,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z\n")
            .WithSummary("Imports an exchange CSV file or an EPEX SPOT continuous-trades export: body as text/csv (name in ?file_name=) or multipart field 'file'; "
                + "?trader_id= names whose trades the file holds (required from a manager for an EPEX export; a trader's upload is their own); ?force=true re-runs known content.");
        var imports = routes.MapGroup("/v1/imports").WithTags("Imports").RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Manager }).RequireScope(TokenScopes.Read);
        imports.MapGet("", ListImports).WithName("ListImports").WithSummary("The import ledger, newest first.");
        imports.MapGet("/alerts", ListAlerts).WithName("ListAlerts").WithSummary("Open missing-file alerts: exchange files not imported by Import:ExpectedBy (Europe/Berlin).");

        routes.MapGet("/imports/{id:long}/rejected.csv", DownloadRejected).RequireAuthorization().ExcludeFromDescription();
        return routes;
    }

    internal static async Task<Ok<ImportResultDto>> ImportTrades(HttpRequest request, [FromQuery(Name = "file_name")] string? fileName,
        [FromQuery(Name = "trader_id")] string? traderId, bool? force, Caller caller, ImportService imports, CancellationToken cancellationToken)
    {
        var (content, name) = await UploadedFile.OpenAsync(request, fileName, cancellationToken);
        await using (content)
        {
            var result = await imports.ImportAsync(content, new ImportRequest(name, ImportSource.Api, caller, force ?? false) { TraderId = traderId },
                cancellationToken: cancellationToken);
            return TypedResults.Ok(ImportResultDto.From(result));
        }
    }

    internal static async Task<Ok<List<ImportRecordDto>>> ListImports(Caller caller, ImportService imports, int? take, CancellationToken cancellationToken) =>
        TypedResults.Ok((await imports.ListAsync(caller, take ?? 200, cancellationToken)).Select(ImportRecordDto.From).ToList());

    internal static Ok<List<MissingFileAlertDto>> ListAlerts(MissingFileMonitor monitor) =>
        TypedResults.Ok(monitor.Current.Select(a => new MissingFileAlertDto(a.FileName, DayFormat.Of(a.TradeDay), a.ExpectedByUtc, a.RaisedUtc, a.Message)).ToList());

    internal static async Task DownloadRejected(long id, HttpContext context, Caller caller, ImportService imports, CancellationToken cancellationToken)
    {
        var rows = await imports.RejectionsAsync(caller, id, cancellationToken);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"import_{id}_rejected.csv\"";
        await RejectionCsv.WriteAsync(context.Response.Body, rows, cancellationToken);
    }
}
