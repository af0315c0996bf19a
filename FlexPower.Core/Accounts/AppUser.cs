using Microsoft.AspNetCore.Identity;

namespace FlexPower.Core.Accounts;

public sealed class AppUser : IdentityUser
{
    /// <summary>The exchange trader id a Trader account trades under (e.g. <c>trader_1</c>); null for managers.</summary>
    public string? TraderId { get; set; }

    /// <summary>A disabled account can neither log in nor call the API; it stays for the audit trail.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedUtc { get; set; }
}
