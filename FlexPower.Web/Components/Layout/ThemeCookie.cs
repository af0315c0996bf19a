namespace FlexPower.Web.Components.Layout;

/// <summary>
/// The light/dark choice lives in a cookie (written by app.js when the user toggles it), so the server's prerender
/// and the static account pages paint the chosen theme at once, with no light flash before the circuit starts.
/// </summary>
public static class ThemeCookie
{
    public const string Name = "FlexPowerTheme";

    /// <summary>The user's choice: dark, light, or null when they have not chosen (the app then follows the OS setting).</summary>
    public static bool? Choice(HttpRequest request) => request.Cookies[Name] switch
    {
        { } value when value.Contains("dark", StringComparison.OrdinalIgnoreCase) => true,
        { } value when value.Contains("light", StringComparison.OrdinalIgnoreCase) => false,
        _ => null,
    };
}
