using System.Text.Json;
using FlexPower.Core.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace FlexPower.Web.Api;

/// <summary>The one place where exceptions become API responses with the contract's Error body.</summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!ApiPaths.IsApi(context.Request.Path)) return false;
        var (status, message) = Map(exception);
        if (status >= 500) logger.LogError(exception, "Unhandled API failure on {Method} {Path}", context.Request.Method, context.Request.Path);
        else logger.LogWarning("API request {Method} {Path} rejected with {Status}: {Message}", context.Request.Method, context.Request.Path, status, message);
        await ApiErrorWriter.WriteAsync(context, status, message);
        return true;
    }

    internal static (int Status, string Message) Map(Exception exception) => exception switch
    {
        ValidationFailedException e => (StatusCodes.Status400BadRequest, e.Message),
        ConflictException e => (StatusCodes.Status409Conflict, e.Message),
        NotFoundException e => (StatusCodes.Status404NotFound, e.Message),
        ForbiddenException e => (StatusCodes.Status403Forbidden, e.Message),
        BadHttpRequestException { InnerException: JsonException json } =>
            (StatusCodes.Status400BadRequest, $"The request body is not valid JSON for this endpoint: {json.Message}"),
        BadHttpRequestException e => (e.StatusCode, e.Message),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred; it has been logged. Try again, and contact support if it persists."),
    };
}
