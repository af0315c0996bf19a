using FlexPower.Core.Trades;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>A row that is not stored: its line, its text as received (UTF-8), and why.</summary>
public delegate void RowRejected(int line, ReadOnlySpan<byte> raw, string reason);

/// <summary>Where a writer reports what became of each line: stored, already stored (the same trade), or rejected.</summary>
public sealed class RowOutcomes(RowRejected rejected, Action<int>? inserted = null, Action<int>? duplicate = null)
{
    /// <summary>Whether anyone listens for single inserted lines (a writer that learns them only in bulk can skip reporting them).</summary>
    public bool WantsInserted => inserted is not null;

    public void Rejected(int line, ReadOnlySpan<byte> raw, string reason) => rejected(line, raw, reason);
    public void Inserted(int line) => inserted?.Invoke(line);
    public void Duplicate(int line) => duplicate?.Invoke(line);
}

/// <summary>What a transaction's storing did: trades inserted, identical ones already stored, and what changed for the live refresh.</summary>
public sealed record StoredTrades(int Inserted, int Duplicates, TradesChanged Changes);
