using FlexPower.Core.Accounts;
using FlexPower.Core.Common;

namespace FlexPower.Core.Tokens;

/// <summary>The rules a new token must meet before it is stored; each error names the field and the rule.</summary>
public static class TokenRules
{
    public const int MaxNameLength = 100;
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(90);

    /// <summary>The latest expiry allowed for a token created at <paramref name="now"/>: one year.</summary>
    public static DateTimeOffset MaxExpiry(DateTimeOffset now) => now.AddYears(1);

    public static IReadOnlyList<string> Validate(NewToken token, Caller caller, DateTimeOffset now)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(token.Name)) errors.Add("name is required: say what the token is for, e.g. 'nightly export'.");
        else if (!PlainText.Is(token.Name)) errors.Add(PlainText.Problem("name"));
        else if (token.Name.Trim().Length > MaxNameLength) errors.Add($"name must be at most {MaxNameLength} characters (it has {token.Name.Trim().Length}).");

        var scopes = token.Scopes ?? [];
        if (scopes.Count == 0) errors.Add($"scopes must name at least one of {string.Join(", ", TokenScopes.All)}.");
        foreach (var scope in scopes.Where(s => !TokenScopes.All.Contains(s)).Distinct())
            errors.Add($"scopes: '{Echo.Value(scope)}' is unknown: use {string.Join(", ", TokenScopes.All)}.");
        if (scopes.Contains(TokenScopes.Admin) && !caller.IsManager)
            errors.Add("scopes: 'admin' is only for managers' tokens.");

        if (token.ExpiresAt is { } expires)
        {
            if (expires <= now) errors.Add($"expires_at must be in the future (it is {expires.UtcDateTime:yyyy-MM-dd HH:mm} UTC).");
            else if (expires > MaxExpiry(now)) errors.Add($"expires_at must be at most a year ahead, by {MaxExpiry(now).UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
        }
        return errors;
    }

    /// <summary>The scopes as stored: known ones, each once, in a fixed order.</summary>
    public static string Store(IReadOnlyList<string> scopes) => string.Join(' ', TokenScopes.All.Where(scopes.Contains));
}
