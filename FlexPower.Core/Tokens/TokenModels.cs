namespace FlexPower.Core.Tokens;

/// <summary>What a person asks for: a name, scopes and, optionally, when it expires (default <see cref="TokenRules.DefaultLifetime"/>).</summary>
public sealed record NewToken(string? Name, IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);

/// <summary>A token as lists and the audit trail show it: never the secret or its hash.</summary>
public sealed record TokenView(long Id, string Name, string Owner, IReadOnlyList<string> Scopes, string Hint,
    DateTime CreatedUtc, DateTime ExpiresUtc, DateTime? LastUsedUtc, DateTime? RevokedUtc)
{
    public bool IsExpired(DateTimeOffset now) => ExpiresUtc <= now.UtcDateTime;
}

/// <summary>A token just created, with its secret: the one time anybody sees it.</summary>
public sealed record CreatedToken(TokenView Token, string Secret);
