using System.Globalization;

namespace FlexPower.Web.Components.Shared;

/// <summary>
/// Which columns a table shows at which width of its box, one rule for every table. A column that may give way carries
/// one of <see cref="Classes"/> on its header and cells; it shows only when the table's box (marked <see cref="Box"/>) is
/// at least that wide, so a desktop table fits beside the menu without a sideways scroll and a phone keeps the columns
/// that matter. Columns without a class always show; the first (key) column is pinned where the box still scrolls.
/// </summary>
public static class ColumnFit
{
    /// <summary>The class that makes a table's box the width the rule measures (a CSS size container).</summary>
    public const string Box = "fp-fit";

    public const string Secondary = "fp-col-secondary";
    public const string Detail = "fp-col-detail";
    public const string Extra = "fp-col-extra";
    /// <summary>Only where the box is wider than a 1440 px screen with the menu open leaves (the menu closed, a wider screen).</summary>
    public const string Wide = "fp-col-wide";

    /// <summary>Each class and the narrowest box, in CSS pixels, in which its columns show.</summary>
    public static readonly IReadOnlyList<(string Class, int ShowsFrom)> Classes = [(Secondary, 560), (Detail, 800), (Extra, 1040), (Wide, 1240)];

    /// <summary>Whether a column whose header has these classes shows in a box this wide.</summary>
    public static bool Shows(IEnumerable<string> columnClasses, double boxWidth) =>
        Classes.Where(c => columnClasses.Contains(c.Class)).All(c => boxWidth >= c.ShowsFrom);

    /// <summary>The container queries that apply the rule (rendered once in the page head).</summary>
    public static string Css { get; } = $".{Box} {{ container-type: inline-size; }}\n" + string.Concat(Classes.Select(c =>
        string.Create(CultureInfo.InvariantCulture, $"@container (max-width: {c.ShowsFrom - 0.02}px) {{ .{Box} .{c.Class} {{ display: none; }} }}\n")));
}
