namespace FlexPower.Web.Components.Shared;

/// <summary>
/// Remembers what a table showed, so that after a live refresh the rows that arrived or changed can be highlighted
/// for a moment. The CSS class alternates between two names with the same animation, so a row that changes twice
/// in a row flashes twice (a browser replays an animation only when its name changes).
/// </summary>
public sealed class LiveHighlights<TKey> where TKey : notnull
{
    private Dictionary<TKey, object?> shown = [];
    private HashSet<TKey> changed = [];
    private int generation;

    public IReadOnlySet<TKey> Changed => changed;

    /// <summary>Records the rows now shown; only a <paramref name="live"/> refresh marks differences, a load the user asked for never does.</summary>
    public void Track<TRow>(IEnumerable<TRow> rows, Func<TRow, TKey> key, Func<TRow, object?> value, bool live)
    {
        var current = new Dictionary<TKey, object?>();
        foreach (var row in rows) current[key(row)] = value(row);
        changed = live
            ? current.Where(row => !shown.TryGetValue(row.Key, out var before) || !Equals(before, row.Value)).Select(row => row.Key).ToHashSet()
            : [];
        if (changed.Count > 0) generation++;
        shown = current;
    }

    public string ClassFor(TKey key) => changed.Contains(key) ? (generation % 2 == 0 ? "fp-arrived-a" : "fp-arrived-b") : "";
}
