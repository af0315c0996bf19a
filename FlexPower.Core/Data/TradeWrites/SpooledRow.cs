using FlexPower.Core.Trades;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>A checked row in line order: a trade to store, or a rejection with its reason. Valid until the next row is read.</summary>
internal readonly ref struct SpooledRow
{
    public int Line { get; init; }
    public ReadOnlySpan<byte> Raw { get; init; }

    /// <summary>Why the row was rejected while reading; null for a trade.</summary>
    public string? Reason { get; init; }

    public CheckedTrade Trade { get; init; }
}

/// <summary>Checked rows read one after the other: from a file as it is read, or back from a <see cref="CheckedRowSpool"/>.</summary>
internal interface ICheckedRows
{
    bool Read(out SpooledRow row);

    /// <summary>How far into <see cref="Length"/> bytes of input the rows read so far reach.</summary>
    long Position { get; }

    long Length { get; }
}

/// <summary>Where checked rows go one by one: a spool, or a writer.</summary>
internal delegate void RowSink(in SpooledRow row);
