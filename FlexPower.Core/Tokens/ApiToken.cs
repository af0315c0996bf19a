namespace FlexPower.Core.Tokens;

/// <summary>
/// A named credential a person creates for a REST client: it acts as its owner within its scopes until it expires or is
/// revoked. Only the SHA-256 of the secret is stored; the secret itself is shown once, when the token is created.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }
    public required string UserId { get; init; }
    public required string Name { get; init; }

    /// <summary>The scopes, space-separated (<c>read trade admin</c>).</summary>
    public required string Scopes { get; init; }

    /// <summary>SHA-256 of the whole secret (<c>fp_…</c>); 256 random bits need no slow hash.</summary>
    public required byte[] SecretHash { get; init; }

    /// <summary>The secret's first characters, so a person can tell their tokens apart without the secret.</summary>
    public required string Hint { get; init; }

    public DateTime CreatedUtc { get; init; }
    public DateTime ExpiresUtc { get; init; }
    public DateTime? LastUsedUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public string? RevokedBy { get; set; }
}
