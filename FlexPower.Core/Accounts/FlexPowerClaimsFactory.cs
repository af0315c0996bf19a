using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Accounts;

/// <summary>Adds the trader id to the signed-in principal so every feature can scope data without a lookup.</summary>
public sealed class FlexPowerClaimsFactory(UserManager<AppUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrEmpty(user.TraderId)) identity.AddClaim(new Claim(Roles.TraderIdClaim, user.TraderId));
        return identity;
    }
}
