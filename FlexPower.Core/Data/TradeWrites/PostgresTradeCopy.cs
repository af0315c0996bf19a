using FlexPower.Core.Trades;
using Npgsql;
using T = FlexPower.Core.Data.Configurations.TradeConfiguration;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// A binary COPY of checked trades straight into <c>trades</c>, each trade's share of the aggregates summed as it is
/// written. A taken id fails the whole COPY, at <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class PostgresTradeCopy(PostgresCopyWriter copy, AggregateBatch aggregates) : IAsyncDisposable
{
    public static PostgresTradeCopy Begin(NpgsqlConnection connection, AggregateBatch aggregates) =>
        new(PostgresCopyWriter.Begin(connection, T.Table, StoredTrade.Columns), aggregates);

    public void Write(in CheckedTrade trade)
    {
        copy.StartRow(StoredTrade.Count);
        var columns = new PostgresCopyWriter.Columns(copy);
        StoredTrade.Write(ref columns, trade);
        aggregates.Add(trade);
    }

    /// <inheritdoc cref="PostgresCopyWriter.Send"/>
    public void Send() => copy.Send();

    public Task CompleteAsync(CancellationToken cancellationToken) => copy.CompleteAsync(cancellationToken);

    public ValueTask DisposeAsync() => copy.DisposeAsync();
}
