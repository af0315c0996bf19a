namespace FlexPower.Web.Hosting;

/// <summary>
/// Headers on every response: no MIME sniffing, no referrer, no framing, no plugins, and no caching of anything but static assets.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = $"frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            // Pages, API answers and downloads carry desk data; only fingerprinted static assets (which set their own) may be cached.
            if (string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
