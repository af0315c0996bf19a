using FlexPower.Core.Accounts;
using FlexPower.Core.Audit;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Tokens;

/// <summary>
/// API tokens: a person creates and revokes their own; a Manager sees and revokes everyone's. Creating and revoking are
/// audited in the same transaction, with the token's public view only.
/// </summary>
public sealed class TokenService(IDbContextFactory<FlexPowerDbContext> dbFactory, TimeProvider clock)
{
    public async Task<CreatedToken> CreateAsync(Caller caller, NewToken token, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var errors = TokenRules.Validate(token, caller, now);
        if (errors.Count > 0) throw new ValidationFailedException(string.Join(" ", errors));

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var userId = await OwnIdAsync(db, caller, cancellationToken);
        var secret = TokenSecret.Generate();
        var row = new ApiToken
        {
            UserId = userId,
            Name = token.Name!.Trim(),
            Scopes = TokenRules.Store(token.Scopes!),
            SecretHash = TokenSecret.Hash(secret),
            Hint = TokenSecret.Hint(secret),
            CreatedUtc = now.UtcDateTime,
            ExpiresUtc = (token.ExpiresAt ?? now + TokenRules.DefaultLifetime).UtcDateTime,
        };
        // The audit entry names the token's id, known after the insert: both commit together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        var view = View(row, caller.UserName);
        AuditTrail.Record(db, caller, row.CreatedUtc, AuditKinds.TokenCreated, Subject(view), null, Audited(view));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedToken(view, secret);
    }

    /// <summary>The caller's tokens not revoked (a Manager: everyone's, with the owner), newest first; expired ones too, so a failing client learns why.</summary>
    public async Task<IReadOnlyList<TokenView>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Visible(db, caller).Where(r => r.Token.RevokedUtc == null)
            .OrderByDescending(r => r.Token.CreatedUtc).ThenByDescending(r => r.Token.Id).ToListAsync(cancellationToken);
        return rows.Select(r => View(r.Token, r.Owner)).ToList();
    }

    /// <summary>Revokes a token the caller may see; another person's token is "not found" to a Trader, so ids tell nothing.</summary>
    public async Task RevokeAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await Visible(db, caller, tracked: true).Where(r => r.Token.Id == id && r.Token.RevokedUtc == null).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No token with id {id} that you may revoke (it may be revoked already).");
        var before = View(found.Token, found.Owner);
        found.Token.RevokedUtc = clock.GetUtcNow().UtcDateTime;
        found.Token.RevokedBy = caller.UserName;
        AuditTrail.Record(db, caller, found.Token.RevokedUtc.Value, AuditKinds.TokenRevoked, Subject(before), Audited(before), Audited(View(found.Token, found.Owner)));
        await db.SaveChangesAsync(cancellationToken);
    }

    // Init properties, not a constructor: EF translates filters on a member-initialised projection.
    private sealed class Owned
    {
        public required ApiToken Token { get; init; }
        public required string Owner { get; init; }
    }

    private static IQueryable<Owned> Visible(FlexPowerDbContext db, Caller caller, bool tracked = false)
    {
        var tokens = tracked ? db.ApiTokens : db.ApiTokens.AsNoTracking();
        var owned = tokens.Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, User = u });
        if (!caller.IsManager) owned = owned.Where(o => o.User.UserName == caller.UserName);
        return owned.Select(o => new Owned { Token = o.Token, Owner = o.User.UserName! });
    }

    // The caller's name is the principal's, which is the account's user name exactly.
    private static async Task<string> OwnIdAsync(FlexPowerDbContext db, Caller caller, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.UserName == caller.UserName).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ForbiddenException("Only a signed-in account can own API tokens.");

    private static TokenView View(ApiToken t, string owner) => new(t.Id, t.Name, owner, TokenScopes.Parse(t.Scopes), t.Hint,
        Utc(t.CreatedUtc), Utc(t.ExpiresUtc), t.LastUsedUtc is { } used ? Utc(used) : null, t.RevokedUtc is { } revoked ? Utc(revoked) : null);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static string Subject(TokenView token) => $"token {token.Id} '{Echo.Value(token.Name)}' of {token.Owner}";

    // The audit trail's record of a token: what lists show, without the hint (part of the secret) or usage.
    private static object Audited(TokenView t) => new { t.Id, t.Name, t.Owner, t.Scopes, ExpiresAt = t.ExpiresUtc, Revoked = t.RevokedUtc is not null };
}
