using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using FlexPower.Core.Accounts;
using FlexPower.Core.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace FlexPower.Web.Api;

/// <summary>
/// <c>Authorization: Bearer fp_…</c>: an API token acts as its owner — the owner's claims, as HTTP Basic builds them — plus
/// one scope claim per scope. The token itself is checked on every call (<see cref="TokenAuthenticator"/>); only the
/// principal built from it is remembered, keyed by the owner's current security stamp, as Basic does.
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenAuthenticator tokens,
    IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    private static readonly TimeSpan PrincipalLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Whether the request presents a token, so the API's policy scheme sends it here rather than to Basic.</summary>
    public static bool IsPresentedBy(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !header.Scheme.Equals(SchemeName, StringComparison.OrdinalIgnoreCase))
            return IsPresentedBy(Request) ? AuthenticateResult.Fail(new TokenCheck(TokenOutcome.Refused).Message) : AuthenticateResult.NoResult();

        var check = await tokens.CheckAsync(header.Parameter ?? "", Context.Connection.RemoteIpAddress?.ToString() ?? "unknown", Context.RequestAborted);
        if (!check.Succeeded) return AuthenticateResult.Fail(check.Message);
        return AuthenticateResult.Success(new AuthenticationTicket(await PrincipalAsync(check.Owner!), Scheme.Name));
    }

    // A token's scopes never change, so its whole principal is remembered under the owner's current stamp.
    private async Task<ClaimsPrincipal> PrincipalAsync(TokenOwner owner)
    {
        var key = $"bearer:{owner.TokenId}:{owner.UserId}:{owner.SecurityStamp}";
        if (cache.TryGetValue(key, out ClaimsPrincipal? remembered)) return remembered!;
        var user = await Context.RequestServices.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(owner.UserId)
            ?? throw new InvalidOperationException($"Token {owner.TokenId}'s owner vanished between two reads.");
        var ownerIdentity = (ClaimsIdentity)(await Context.RequestServices.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user)).Identity!;
        var identity = new ClaimsIdentity(ownerIdentity.Claims, SchemeName, ownerIdentity.NameClaimType, ownerIdentity.RoleClaimType);
        identity.AddClaim(new Claim(TokenScopes.TokenIdClaim, owner.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var scope in owner.Scopes) identity.AddClaim(new Claim(TokenScopes.Claim, scope));
        return cache.Set(key, new ClaimsPrincipal(identity), PrincipalLifetime);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"FlexPower\", error=\"invalid_token\"";
        await ApiErrorWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, failure ?? new TokenCheck(TokenOutcome.Refused).Message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrorWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, "Your account's role does not allow this request.");
}
