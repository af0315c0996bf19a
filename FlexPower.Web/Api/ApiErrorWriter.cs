using FlexPower.Core.Common;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FlexPower.Web.Api;

internal static class ApiErrorWriter
{
    public static Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return context.Response.WriteAsJsonAsync(new ApiError(statusCode, message), json);
    }

    /// <summary>For API responses that ended with an error status and no body (unknown route, wrong method).</summary>
    public static Task WriteStatusCodeBodyAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var message = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"No API endpoint at {Echo.Value(context.Request.Path)}: see /scalar/v1 (or /openapi/v1.json) for the list.",
            StatusCodes.Status405MethodNotAllowed => $"{Echo.Value(context.Request.Method)} is not allowed on {Echo.Value(context.Request.Path)}.",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported Content-Type: send application/json.",
            var code => $"The request failed with status {code}.",
        };
        return WriteAsync(context, context.Response.StatusCode, message);
    }
}
