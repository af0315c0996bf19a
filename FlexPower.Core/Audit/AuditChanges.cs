using System.Text.Json;

namespace FlexPower.Core.Audit;

/// <summary>One field of an entry: its value before and after as text (null: absent or JSON null).</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

/// <summary>
/// What an entry changed, field by field, for reading: the fields whose values differ; of a record created (or removed),
/// every field that has a value.
/// </summary>
public static class AuditChanges
{
    public static IReadOnlyList<AuditChange> Of(AuditEntry entry)
    {
        var (before, after) = (Fields(entry.Before), Fields(entry.After));
        var names = before.Keys.Concat(after.Keys).Distinct();
        return names.Select(n => new AuditChange(n, before.GetValueOrDefault(n), after.GetValueOrDefault(n)))
            .Where(c => entry.Before is null || entry.After is null ? (c.Before ?? c.After) is not null : c.Before != c.After).ToList();
    }

    private static Dictionary<string, string?> Fields(string? json)
    {
        if (json is null) return [];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Text(p.Value))
            : new() { ["value"] = Text(document.RootElement) };
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
