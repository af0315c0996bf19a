using FlexPower.Core.Common;

namespace FlexPower.Core.Import;

/// <summary>The name an import is recorded, shown and logged under, from whatever a client sent (upload, API, command line).</summary>
public static class ImportFileName
{
    public const int MaxLength = 200;

    /// <summary>
    /// Only the last path segment, since the name is shown and logged, never used as a path; a name with control characters
    /// is refused naming <paramref name="field"/>; none at all is <paramref name="fallback"/>.
    /// </summary>
    public static string Of(string? sent, string field, string fallback = "upload.csv")
    {
        PlainText.Require(sent, field);
        var last = Path.GetFileName((sent ?? "").Replace('\\', '/'));
        return string.IsNullOrWhiteSpace(last) ? fallback : last.Length > MaxLength ? last[..MaxLength] : last;
    }
}
