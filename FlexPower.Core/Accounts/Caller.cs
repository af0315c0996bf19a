using System.Security.Claims;

namespace FlexPower.Core.Accounts;

/// <summary>Who is asking: what every Core service needs to scope data (a Trader sees only their trader id).</summary>
public sealed record Caller(string UserName, bool IsManager, string? TraderId)
{
    public static Caller From(ClaimsPrincipal principal) => new(
        principal.Identity?.Name ?? "",
        principal.IsInRole(Roles.Manager),
        principal.FindFirstValue(Roles.TraderIdClaim));
}
