using System.Globalization;
using FlexPower.Core.Common;

namespace FlexPower.Core.Audit;

/// <summary>
/// Which entries to read: one person, one kind, entries at or after <see cref="FromUtc"/> and before <see cref="ToUtc"/>,
/// below the id <see cref="BeforeId"/> (the next page), at most <see cref="Take"/>; newest first.
/// </summary>
public sealed record AuditFilter(string? User = null, string? Kind = null, DateTime? FromUtc = null, DateTime? ToUtc = null, long? BeforeId = null, int Take = AuditFilter.DefaultTake)
{
    public const int DefaultTake = 200;
    public const int MaxTake = 1_000;

    /// <summary>Whole Europe/Berlin days, <paramref name="from"/> through <paramref name="to"/> (the page's day range).</summary>
    public static (DateTime? FromUtc, DateTime? ToUtc) Days(DateOnly? from, DateOnly? to) =>
        (from is { } f ? BerlinTime.HourStartUtc(f, 0) : null, to is { } t ? BerlinTime.HourStartUtc(t.AddDays(1), 0) : null);

    /// <summary>
    /// The API's query: <c>from</c> and <c>to</c> are each a Europe/Berlin day (YYYY-MM-DD: <c>from</c> from its start,
    /// <c>to</c> through its end) or an RFC 3339 instant with Z or an offset (<c>from</c> inclusive, <c>to</c> exclusive).
    /// </summary>
    public static AuditFilter Parse(string? user, string? kind, string? from, string? to, string? beforeId, string? take)
    {
        PlainText.Require(user, "user");
        if (!string.IsNullOrWhiteSpace(kind) && !AuditKinds.All.Contains(kind.Trim()))
            throw new ValidationFailedException($"kind '{Echo.Value(kind)}' is unknown: use one of {string.Join(", ", AuditKinds.All)}.");
        var fromUtc = Bound(from, "from", endOfDay: false);
        var toUtc = Bound(to, "to", endOfDay: true);
        if (fromUtc is { } a && toUtc is { } b && a >= b) throw new ValidationFailedException($"from ({from!.Trim()}) must be before to ({to!.Trim()}).");
        return new AuditFilter(Text(user), Text(kind), fromUtc, toUtc, Number(beforeId, "before_id", 1, long.MaxValue),
            (int)(Number(take, "take", 1, MaxTake) ?? DefaultTake));
    }

    private static DateTime? Bound(string? text, string name, bool endOfDay)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var value = text.Trim();
        if (DayFormat.TryParse(value, out var day))
            return day.Year is < 1900 or > 2999 ? throw new ValidationFailedException($"{name} must be a day from 1900-01-01 to 2999-12-31 (got {value}).")
                : BerlinTime.HourStartUtc(endOfDay ? day.AddDays(1) : day, 0);
        if (value.Length > 10 && (value.EndsWith('Z') || value.EndsWith('z') || value[^6] is '+' or '-')
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            return instant.UtcDateTime;
        throw new ValidationFailedException(
            $"{name} must be a day as YYYY-MM-DD (Europe/Berlin) or an instant with Z or an offset, e.g. 2026-03-01T08:00:00Z (got '{Echo.Value(text)}').");
    }

    private static long? Number(string? text, string name, long min, long max) =>
        string.IsNullOrWhiteSpace(text) ? null
        : long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
        : throw new ValidationFailedException($"{name} must be a whole number from {min} to {max.ToString("N0", CultureInfo.InvariantCulture)} (got '{Echo.Value(text)}').");

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
