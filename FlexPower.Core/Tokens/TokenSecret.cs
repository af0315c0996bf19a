using System.Security.Cryptography;
using System.Text;

namespace FlexPower.Core.Tokens;

/// <summary>
/// A token's secret: <c>fp_</c> and 32 random bytes in base64url (256 bits, 46 characters). Only its SHA-256 is stored;
/// a slow hash would add nothing against guessing 256 bits and would cost every call.
/// </summary>
public static class TokenSecret
{
    public const string Prefix = "fp_";
    public const int RandomBytes = 32;
    public const int HintLength = 9;

    // 32 bytes are 43 base64url characters without padding.
    private const int Length = 46;

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The first characters (<c>fp_</c> and six of the random ones), enough to tell one's tokens apart.</summary>
    public static string Hint(string secret) => secret[..HintLength];

    /// <summary>Has the shape of a secret; anything else is refused without a database lookup.</summary>
    public static bool IsWellFormed(string? text) =>
        text is { Length: Length } && text.StartsWith(Prefix, StringComparison.Ordinal) && !text.AsSpan(Prefix.Length).ContainsAnyExcept(Base64UrlChars);

    private static readonly System.Buffers.SearchValues<char> Base64UrlChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
