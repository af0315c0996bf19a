namespace FlexPower.Core.Common;

/// <summary>
/// How a client's value is quoted back in a message, a log line or the ledger: shortened, so a 10 MB field never becomes a
/// 10 MB error, and with control characters (a NUL byte, which PostgreSQL text cannot hold) shown as U+FFFD.
/// </summary>
public static class Echo
{
    public const int MaxLength = 100;

    public static string Value(string? text) =>
        text is null ? "" : Printable(text.Length <= MaxLength ? text : $"{text[..MaxLength]}… ({text.Length:N0} characters)");

    /// <summary>The text with every control character but tab replaced by U+FFFD.</summary>
    public static string Printable(string text) =>
        text.AsSpan().IndexOfAnyInRange('\u0000', '\u001F') < 0 && text.AsSpan().IndexOfAnyInRange('\u007F', '\u009F') < 0
            ? text
            : string.Create(text.Length, text, (span, source) =>
            {
                for (var i = 0; i < source.Length; i++) span[i] = char.IsControl(source[i]) && source[i] != '\t' ? '\uFFFD' : source[i];
            });
}
