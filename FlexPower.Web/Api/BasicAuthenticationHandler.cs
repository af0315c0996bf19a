using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FlexPower.Web.Api;

/// <summary>
/// HTTP Basic against the Identity users: same password hasher, same lockout, disabled accounts refused.
/// Failures are 401 with <c>WWW-Authenticate: Basic</c> and the Error body, never a redirect.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AccountStamps accounts,
    LoginThrottle throttle,
    IMemoryCache cache,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Basic";

    // PBKDF2 costs tens of milliseconds by design, too much for every API call.
    private static readonly TimeSpan VerifiedCredentialLifetime = TimeSpan.FromMinutes(5);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !header.Scheme.Equals(SchemeName, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        if (!TryDecode(header.Parameter, out var userName, out var password))
            return AuthenticateResult.Fail("Malformed Basic credentials: send 'Authorization: Basic base64(user_name:password)'.");

        // A credential verified recently is remembered, keyed by the account's current security stamp (read from the
        // database on every call), so a password change or disabling takes effect at once, on every instance.
        var account = PlainText.Is(userName) ? await accounts.FindAsync(userName) : null; // the checker below refuses it
        if (account is not null && account.IsClear(clock.GetUtcNow()) && cache.TryGetValue(CacheKey(account.Id, account.SecurityStamp, password), out ClaimsPrincipal? remembered))
        {
            throttle.RecordSuccess(userName, ClientAddress);
            return AuthenticateResult.Success(new AuthenticationTicket(remembered!, Scheme.Name));
        }

        // Identity's services (and the context behind them) only when the password must really be checked.
        var check = await Context.RequestServices.GetRequiredService<CredentialChecker>().CheckAsync(userName, password, ClientAddress);
        if (!check.Succeeded) return AuthenticateResult.Fail(check.Message);
        var principal = await Context.RequestServices.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(check.User!);
        cache.Set(CacheKey(check.User!.Id, check.User.SecurityStamp, password), principal, VerifiedCredentialLifetime);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    private static string CacheKey(string userId, string? securityStamp, string password) =>
        $"basic:{userId}:{securityStamp}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)))}";

    private string ClientAddress => Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = new(["Basic realm=\"FlexPower\", charset=\"UTF-8\"", "Bearer realm=\"FlexPower\""]);
        await ApiErrorWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            failure ?? "Authentication required: send HTTP Basic credentials ('Authorization: Basic base64(user_name:password)') or an API token ('Authorization: Bearer fp_…').");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrorWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, "Your account's role does not allow this request.");

    private static bool TryDecode(string? parameter, out string userName, out string password)
    {
        userName = password = "";
        if (string.IsNullOrEmpty(parameter)) return false;
        var bytes = new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, bytes, out var written)) return false;
        var text = Encoding.UTF8.GetString(bytes, 0, written);
        var colon = text.IndexOf(':');
        if (colon <= 0) return false;
        (userName, password) = (text[..colon], text[(colon + 1)..]);
        return true;
    }
}
