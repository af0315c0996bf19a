using System.Buffers;

namespace FlexPower.Core.Common;

/// <summary>
/// The one rule for text a client names something with — ids, trader ids, user names, file names, parameters — at every
/// entry point: no control characters (NUL, which PostgreSQL text cannot hold; line breaks, which forge log lines and
/// headers; tabs…) and no U+FFFD, which is what bytes that are not UTF-8 decode to.
/// </summary>
public static class PlainText
{
    public static bool Is(string value) => !value.AsSpan().ContainsAny(NotPlain);

    /// <summary>Why a value of <paramref name="field"/> is refused; the value itself is not repeated.</summary>
    public static string Problem(string field) =>
        $"{field} must not contain control characters or invalid text (e.g. NUL bytes, line breaks or bytes that are not UTF-8).";

    /// <summary>
    /// A value taken from a page's link, trimmed; null when it is empty or not plain text: a hand-edited link with a bad
    /// value drops that filter instead of failing the page.
    /// </summary>
    public static string? FromLink(string? value) => string.IsNullOrWhiteSpace(value) || !Is(value) ? null : value.Trim();

    /// <summary>Throws (a 400 naming the field) unless the value is plain text; null passes, for the caller's own "required" rule.</summary>
    public static void Require(string? value, string field)
    {
        if (value is not null && !Is(value)) throw new ValidationFailedException(Problem(field));
    }

    private static readonly SearchValues<char> NotPlain = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), '\uFFFD']);
}
