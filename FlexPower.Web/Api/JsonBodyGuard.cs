using System.Text.Unicode;
using FlexPower.Core.Common;
using Microsoft.Extensions.Options;

namespace FlexPower.Web.Api;

/// <summary>
/// Reads a JSON request body to the API once, before binding: a body over <see cref="ApiOptions.MaxJsonBodyBytes"/> is
/// a 413 and a body that is not UTF-8 a 400 — both in the product's words — so no JSON reader meets either.
/// </summary>
internal sealed class JsonBodyGuard(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!ApiPaths.IsApi(request.Path) || request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await next(context);
            return;
        }
        var limit = options.Value.MaxJsonBodyBytes;
        if (request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit);
            return;
        }
        var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            if (body.Length + read > limit)
            {
                await TooLargeAsync(context, limit);
                return;
            }
            body.Write(buffer, 0, read);
        }
        if (!Utf8.IsValid(body.GetBuffer().AsSpan(0, (int)body.Length)))
        {
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status400BadRequest,
                "The request body is not valid UTF-8: send JSON text encoded as UTF-8.");
            return;
        }
        body.Position = 0;
        request.Body = body;
        await next(context);
    }

    private static Task TooLargeAsync(HttpContext context, int limit) =>
        ApiErrorWriter.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
            $"The JSON body is larger than {limit:N0} bytes (Api:MaxJsonBodyBytes); send one object per call.");
}
