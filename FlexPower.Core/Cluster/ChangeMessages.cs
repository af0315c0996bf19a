using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Cluster;

/// <summary>
/// The changes other instances hear about (those whose <see cref="Change.CrossesInstances"/> says so), as small JSON messages
/// named by their type (PostgreSQL NOTIFY carries at most 8000 bytes, so a large <see cref="TradesChanged"/> travels as several,
/// each naming part of its delivery days or traders). Pure, so the encoding is tested without a database.
/// </summary>
public static class ChangeMessages
{
    public const int MaxBytes = 7900;

    // Every kind of change FlexPower has, by name, so a message names its kind without a list to keep up to date.
    private static readonly FrozenDictionary<string, Type> Kinds = typeof(Change).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Change)) && !t.IsAbstract).ToFrozenDictionary(t => t.Name);

    // System.Text.Json writes IReadOnlySet<T> but cannot create one.
    private static readonly JsonSerializerOptions Json = new() { Converters = { new ReadOnlySetConverter<string>(), new ReadOnlySetConverter<DateOnly>() } };

    private sealed record Message(Guid Origin, string Type, JsonElement Change);

    private sealed class ReadOnlySetConverter<T> : JsonConverter<IReadOnlySet<T>>
    {
        public override IReadOnlySet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<HashSet<T>>(ref reader, options) ?? [];

        public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.AsEnumerable(), options);
    }

    /// <summary>The messages for <paramref name="change"/>; none for a change that stays in its instance.</summary>
    public static IEnumerable<string> Encode(Guid origin, Change change)
    {
        if (!change.CrossesInstances) yield break;
        var text = JsonSerializer.Serialize(new Message(origin, change.GetType().Name, JsonSerializer.SerializeToElement(change, change.GetType(), Json)));
        if (Encoding.UTF8.GetByteCount(text) <= MaxBytes)
        {
            yield return text;
            yield break;
        }
        if (change is not TradesChanged trades || (trades.DeliveryDays.Count < 2 && trades.TraderIds.Count < 2))
            throw new InvalidOperationException($"A {change.GetType().Name} does not fit one notification.");
        foreach (var part in Split(trades))
            foreach (var message in Encode(origin, part))
                yield return message;
    }

    /// <summary>The change and the instance it came from, or null for a message this version does not know or does not take from others.</summary>
    public static (Guid Origin, Change Change)? Decode(string text)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>(text);
            if (message is null || !Kinds.TryGetValue(message.Type, out var type)) return null;
            return message.Change.Deserialize(type, Json) is Change { CrossesInstances: true } change ? (message.Origin, change) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Halves the larger of the two sets (in encoded bytes), so a few messages carry even a year's import.</summary>
    private static IEnumerable<TradesChanged> Split(TradesChanged change)
    {
        var traderBytes = change.TraderIds.Sum(t => t.Length + 3);
        var dayBytes = change.DeliveryDays.Count * 13;
        if (change.DeliveryDays.Count >= 2 && (dayBytes >= traderBytes || change.TraderIds.Count < 2))
        {
            var days = change.DeliveryDays.Order().ToList();
            yield return change with { DeliveryDays = days[..(days.Count / 2)].ToHashSet() };
            yield return change with { DeliveryDays = days[(days.Count / 2)..].ToHashSet() };
        }
        else
        {
            var traders = change.TraderIds.Order(StringComparer.Ordinal).ToList();
            yield return change with { TraderIds = traders[..(traders.Count / 2)].ToHashSet() };
            yield return change with { TraderIds = traders[(traders.Count / 2)..].ToHashSet() };
        }
    }
}
