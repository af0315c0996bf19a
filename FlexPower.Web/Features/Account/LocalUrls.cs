namespace FlexPower.Web.Features.Account;

public static class LocalUrls
{
    /// <summary>Only same-site paths are followed after login, so a crafted link cannot bounce a user to another site.</summary>
    public static string OrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/";
}
