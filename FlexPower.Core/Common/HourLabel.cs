namespace FlexPower.Core.Common;

public static class HourLabel
{
    /// <summary>A delivery hour as the desk says it, on every page, export and terminal report: <c>13 - 14</c>.</summary>
    public static string Of(int hour) => $"{hour} - {hour + 1}";
}
