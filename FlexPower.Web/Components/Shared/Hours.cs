namespace FlexPower.Web.Components.Shared;

public static class Hours
{
    /// <summary>A delivery hour as the desk says it, on every page and in the terminal: 13 - 14.</summary>
    public static string Label(int hour) => $"{hour} - {hour + 1}";
}
