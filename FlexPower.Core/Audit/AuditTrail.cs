using System.Text.Json;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;

namespace FlexPower.Core.Audit;

/// <summary>The kinds of change the audit trail records.</summary>
public static class AuditKinds
{
    public const string UserCreated = "user.create";
    public const string UserRoleChanged = "user.role";
    public const string UserDisabled = "user.disable";
    public const string UserEnabled = "user.enable";
    public const string UserPasswordReset = "user.password_reset";
    public const string LimitSet = "limit.set";
    public const string TokenCreated = "token.create";
    public const string TokenRevoked = "token.revoke";
    public const string PricesImported = "prices.import";
    public const string TradesImported = "trades.import";
    public const string AlertAcknowledged = "alert.acknowledge";
    public const string ScenarioSaved = "scenario.save";

    public static readonly IReadOnlyList<string> All =
    [
        UserCreated, UserRoleChanged, UserDisabled, UserEnabled, UserPasswordReset, LimitSet, TokenCreated, TokenRevoked, PricesImported, TradesImported,
        AlertAcknowledged, ScenarioSaved,
    ];
}

/// <summary>
/// Adds an entry to the change's own context, so it commits (or rolls back) with the change it describes. Before and
/// after are the contract's JSON of whatever record the caller passes: never pass a password or a token secret.
/// </summary>
public static class AuditTrail
{
    public static AuditEntry Record(FlexPowerDbContext db, Caller caller, DateTime atUtc, string kind, string subject, object? before, object? after)
    {
        var entry = Entry(caller, atUtc, kind, subject, before, after);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>The entry without a context, for a change written by plain SQL in its own transaction (<c>Data/Stores/AuditStore</c>).</summary>
    public static AuditEntry Entry(Caller caller, DateTime atUtc, string kind, string subject, object? before, object? after) => new()
    {
        AtUtc = atUtc,
        UserName = caller.UserName,
        Address = caller.Address is { Length: > 64 } address ? address[..64] : caller.Address,
        Kind = kind,
        Subject = subject.Length <= 200 ? subject : subject[..200],
        Before = Json(before),
        After = Json(after),
    };

    private static string? Json(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), CompactJson);

    private static readonly JsonSerializerOptions CompactJson = CreateCompactJson();

    private static JsonSerializerOptions CreateCompactJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ContractJson.Configure(options);
        return options;
    }
}
