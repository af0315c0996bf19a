using System.Text.RegularExpressions;
using FlexPower.Core.Common;

namespace FlexPower.Core.Accounts;

/// <summary>The rules an account must meet before it is stored; password strength is Identity's (see AddFlexPowerCore).</summary>
public static partial class AccountRules
{
    public const int MaxLength = 64;

    public static IReadOnlyList<string> Validate(NewAccount account)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(account.UserName))
            errors.Add("user_name is required.");
        else if (!UserNamePattern().IsMatch(account.UserName))
            errors.Add("user_name must be 3–64 characters of letters, digits, '.', '_', '-' or '@'.");

        if (string.IsNullOrEmpty(account.Password))
            errors.Add("password is required.");

        if (string.IsNullOrWhiteSpace(account.Role))
            errors.Add($"role is required: one of {string.Join(", ", Roles.All)}.");
        else if (!Roles.All.Contains(account.Role))
            errors.Add($"role '{Echo.Value(account.Role)}' is unknown: use one of {string.Join(", ", Roles.All)}.");

        var hasTraderId = !string.IsNullOrWhiteSpace(account.TraderId);
        if (account.Role == Roles.Trader && !hasTraderId)
            errors.Add("trader_id is required for a Trader account: the exchange trader id it trades under, e.g. trader_1.");
        if (hasTraderId && !PlainText.Is(account.TraderId!))
            errors.Add(PlainText.Problem("trader_id"));
        else if (hasTraderId && !TraderIdPattern().IsMatch(account.TraderId!))
            errors.Add("trader_id must be 1–64 characters without spaces.");
        if (account.Role == Roles.Manager && hasTraderId)
            errors.Add("trader_id is only for Trader accounts; leave it empty for a Manager.");
        return errors;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._@\-]{3,64}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^\S{1,64}$")]
    private static partial Regex TraderIdPattern();
}
