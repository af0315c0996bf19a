using System.Text.Json;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using Microsoft.AspNetCore.Components.Endpoints;

namespace FlexPower.Web.Api;

/// <summary>
/// The one place where exceptions become responses: API requests get the contract's Error body, the pages' own
/// endpoints (CSV downloads, sign-out) their status with a one-line text, pages fall through to the Error page. It also
/// does the logging (the middleware's own log is switched off in appsettings), so a client's bad input is a warning and
/// only real faults are errors with a stack trace.
/// </summary>
internal sealed class ApiExceptionHandler(DatabaseOutage outage, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware has already pointed Request.Path at the error page; the feature keeps the original.
        var path = new PathString(context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value);
        exception = outage.Refusal(exception) ?? exception; // logged once per episode, not once per request
        var (status, message) = Map(exception);
        var logged = Echo.Value(path);
        if (exception is DatabaseUnavailableException) logger.LogDebug("{Method} {Path} refused: {Message}", context.Request.Method, logged, message);
        else if (status >= 500) logger.LogError(exception, "Unhandled failure on {Method} {Path}", context.Request.Method, logged);
        else logger.LogWarning("{Method} {Path} rejected with {Status}: {Message}", context.Request.Method, logged, status, message);

        if (ApiPaths.IsApi(path))
        {
            await ApiErrorWriter.WriteAsync(context, status, message);
            return true;
        }
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if ((status >= 500 && exception is not DatabaseUnavailableException) || endpoint is null || endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null) return false;
        // A download a user's browser asked for: the status says it (403, 404, 400), before any of the file.
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, cancellationToken);
        return true;
    }

    internal static (int Status, string Message) Map(Exception exception) => exception switch
    {
        ValidationFailedException e => (StatusCodes.Status400BadRequest, e.Message),
        ConflictException e => (StatusCodes.Status409Conflict, e.Message),
        NotFoundException e => (StatusCodes.Status404NotFound, e.Message),
        ForbiddenException e => (StatusCodes.Status403Forbidden, e.Message),
        DatabaseUnavailableException e => (StatusCodes.Status503ServiceUnavailable, e.Message),
        BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, DescribeJson(json)),
        // The framework's own wording ("Implicit body inferred…", parameter and type names) is not the product's.
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "The request body is larger than this endpoint accepts."),
        BadHttpRequestException e when e.Message.Contains("body was provided") => (e.StatusCode, "The request needs a JSON body: see /scalar/v1 for its fields."),
        BadHttpRequestException e when e.Message.Contains("Content-Type") => (StatusCodes.Status415UnsupportedMediaType, "Unsupported Content-Type: send application/json."),
        BadHttpRequestException e => (e.StatusCode, "A query parameter or the body has the wrong form: see /scalar/v1 for this endpoint's parameters."),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred; it has been logged. Try again, and contact support if it persists."),
    };

    /// <summary>Where the JSON went wrong, without the serializer's type names.</summary>
    private static string DescribeJson(JsonException json)
    {
        var where = json.Path is { Length: > 1 } path ? $" at {path}" : "";
        var what = json.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? "names a property twice"
            : json.Message.Contains("could not be converted", StringComparison.Ordinal) ? "has a value of the wrong type"
            : "is not well-formed JSON";
        return $"The request body {what}{where} (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}): see /scalar/v1 for this endpoint's fields.";
    }
}
