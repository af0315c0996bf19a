using FlexPower.Core.Trades;
namespace FlexPower.Core.Import;

/// <summary>A row read back from the spool: a trade to store, or a rejection with its reason. Valid until the next read.</summary>
internal readonly ref struct SpooledRow
{
    public int Line { get; init; }
    public ReadOnlySpan<byte> Raw { get; init; }

    /// <summary>Why the row was rejected while reading; null for a trade.</summary>
    public string? Reason { get; init; }

    public CheckedTrade Trade { get; init; }
}
