using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace FlexPower.Core.Tokens;

public enum TokenOutcome { Valid, Refused, OwnerBarred, Throttled }

/// <summary>Whom a valid token acts for, and within which scopes.</summary>
public sealed record TokenOwner(long TokenId, string UserId, string UserName, string? SecurityStamp, IReadOnlyList<string> Scopes);

public sealed record TokenCheck(TokenOutcome Outcome, TokenOwner? Owner = null, DateTimeOffset? Until = null)
{
    public bool Succeeded => Outcome == TokenOutcome.Valid;

    public string Message => Outcome switch
    {
        TokenOutcome.Valid => "Signed in.",
        // One answer for malformed, unknown, expired and revoked alike: a guesser learns nothing from it.
        TokenOutcome.Refused => "Invalid API token: it is malformed, unknown, expired or revoked.",
        TokenOutcome.OwnerBarred => "This token's account is disabled or locked; ask a manager.",
        _ => $"Too many failed token attempts from your address: try again after {Until:HH:mm} UTC.",
    };
}

/// <summary>
/// Checks a Bearer token on every call with one indexed query (token joined to its owner), so a revocation, an expiry or
/// a disabled owner counts on the next request on every instance: nothing about a token is cached. Failed attempts are
/// throttled per client address by <see cref="LoginThrottle"/>, like failed sign-ins.
/// </summary>
public sealed class TokenAuthenticator(IDbContextFactory<FlexPowerDbContext> dbFactory, LoginThrottle throttle, TimeProvider clock)
{
    // Not a user name (those never contain spaces or parentheses), so it never shares a sign-in's count.
    private const string ThrottleName = "(api token)";

    // Last use is written at most this often per token, so a busy client costs a read per call, not a write.
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    // Revocation, expiry and the last use are compared in SQL, answering booleans: on SQLite every instant read is text
    // to parse. In the select, not the where, so the lookup stays on the unique index of the hash alone.
    private sealed class Row
    {
        public long Id { get; init; }
        public bool IsLive { get; init; }
        public required string Scopes { get; init; }
        public bool LastUseIsStale { get; init; }
        public required string UserId { get; init; }
        public string? UserName { get; init; }
        public string? SecurityStamp { get; init; }
        public bool IsDisabled { get; init; }
        public DateTimeOffset? LockoutEnd { get; init; }
    }

    // Compiled: EF otherwise walks and fingerprints this join's expression tree on every call, which made a Bearer call
    // slower than a cached Basic one (measured). One per model, as a compiled query binds to the first provider it runs on.
    private static readonly ConcurrentDictionary<IModel, Func<FlexPowerDbContext, byte[], DateTime, DateTime, CancellationToken, Task<Row?>>> Compiled = new();

    private static Task<Row?> FindAsync(FlexPowerDbContext db, byte[] hash, DateTime now, DateTime staleBefore, CancellationToken cancellationToken) =>
        Compiled.GetOrAdd(db.Model, _ => EF.CompileAsyncQuery((FlexPowerDbContext c, byte[] h, DateTime n, DateTime stale, CancellationToken _) =>
            c.ApiTokens.AsNoTracking().Where(t => t.SecretHash == h)
                .Join(c.Users, t => t.UserId, u => u.Id, (t, u) => new Row
                {
                    Id = t.Id, IsLive = t.RevokedUtc == null && t.ExpiresUtc > n, Scopes = t.Scopes, LastUseIsStale = t.LastUsedUtc == null || t.LastUsedUtc <= stale,
                    UserId = u.Id, UserName = u.UserName, SecurityStamp = u.SecurityStamp, IsDisabled = u.IsDisabled, LockoutEnd = u.LockoutEnd,
                })
                .FirstOrDefault()))(db, hash, now, staleBefore, cancellationToken);

    public async Task<TokenCheck> CheckAsync(string secret, string clientAddress, CancellationToken cancellationToken = default)
    {
        if (throttle.BlockedUntil(ThrottleName, clientAddress) is { } blockedUntil) return new TokenCheck(TokenOutcome.Throttled, Until: blockedUntil);
        var now = clock.GetUtcNow();
        var staleBefore = now.UtcDateTime - LastUsedResolution;
        Row? row = null;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (TokenSecret.IsWellFormed(secret)) row = await FindAsync(db, TokenSecret.Hash(secret), now.UtcDateTime, staleBefore, cancellationToken);
            if (row is not { IsLive: true })
            {
                throttle.RecordFailure(ThrottleName, clientAddress);
                return new TokenCheck(TokenOutcome.Refused);
            }
            if (row.IsDisabled || row.LockoutEnd is { } end && end > now) return new TokenCheck(TokenOutcome.OwnerBarred);

            // Conditional, so instances racing for the same minute write once.
            if (row.LastUseIsStale)
                await db.ApiTokens.Where(t => t.Id == row.Id && (t.LastUsedUtc == null || t.LastUsedUtc <= staleBefore))
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedUtc, now.UtcDateTime), cancellationToken);
        }
        return new TokenCheck(TokenOutcome.Valid, new TokenOwner(row.Id, row.UserId, row.UserName!, row.SecurityStamp, TokenScopes.Parse(row.Scopes)));
    }
}
