namespace FlexPower.Core.Common;

/// <summary>How a client's value is quoted back in a message or a log line: shortened, so a 10 MB field never becomes a 10 MB error.</summary>
public static class Echo
{
    public const int MaxLength = 100;

    public static string Value(string? text) =>
        text is null ? "" : text.Length <= MaxLength ? text : $"{text[..MaxLength]}… ({text.Length:N0} characters)";
}
