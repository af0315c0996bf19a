using System.Globalization;

namespace FlexPower.Core.Common;

/// <summary>How a delivery day is written everywhere — API, CSV, URLs, messages, pages, the terminal: ISO 8601 <c>yyyy-MM-dd</c>.</summary>
public static class DayFormat
{
    public const string Pattern = "yyyy-MM-dd";

    public static string Of(DateOnly day) => day.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Exactly <see cref="Pattern"/>, a real date.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly day) =>
        DateOnly.TryParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
