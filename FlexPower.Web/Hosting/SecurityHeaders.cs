using System.Security.Cryptography;
using Scalar.AspNetCore;

namespace FlexPower.Web.Hosting;

/// <summary>
/// Headers on every response: no MIME sniffing, no referrer, no framing, a content security policy that allows only the
/// app's own scripts (inline ones only with a nonce of this response), and no caching of anything but static assets.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    private const string NonceKey = "csp-nonce";

    /// <summary>This response's nonce, for the app's own inline script (the import map).</summary>
    public static string Nonce(HttpContext context) => (string)context.Items[NonceKey]!;

    public Task InvokeAsync(HttpContext context)
    {
        // Hex: nothing in it that HTML encoding would change (base64 has + / =).
        context.Items[NonceKey] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Response.OnStarting(() =>
        {
            // The API reference page makes its own nonce for its inline start-up script.
            var nonces = string.Join(' ', new[] { context.Items[NonceKey], context.Items[ScalarOptions.NonceHttpContextItemKey] }.OfType<string>().Select(n => $"'nonce-{n}'"));
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self' {nonces}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            // Pages, API answers and downloads carry desk data; only fingerprinted static assets (which set their own) may be cached.
            if (string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
