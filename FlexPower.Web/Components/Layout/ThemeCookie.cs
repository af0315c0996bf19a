namespace FlexPower.Web.Components.Layout;

/// <summary>
/// The light/dark choice lives in a cookie (written by app.js when the user toggles it), so the server's prerender
/// and the static account pages paint the chosen theme at once, with no light flash before the circuit starts.
/// </summary>
public static class ThemeCookie
{
    public const string Name = "FlexPowerTheme";

    public static bool IsDark(HttpRequest request) =>
        request.Cookies[Name] is { } value && value.Contains("dark", StringComparison.OrdinalIgnoreCase);
}
