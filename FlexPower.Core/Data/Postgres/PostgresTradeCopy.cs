using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using Npgsql;

namespace FlexPower.Core.Data.Postgres;

/// <summary>
/// A binary COPY of checked trades straight into <c>trades</c>, each trade's share of the aggregates summed as it is
/// written. A taken id fails the whole COPY, at <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class PostgresTradeCopy(PostgresCopyWriter copy, AggregateBatch aggregates) : IAsyncDisposable
{
    public static PostgresTradeCopy Begin(NpgsqlConnection connection, AggregateBatch aggregates) => new(PostgresCopyWriter.Begin(connection,
        "trades", "id, trader_id, delivery_day, delivery_hour, direction, price, quantity, execution_time_utc"), aggregates);

    public void Write(in CheckedTrade trade)
    {
        copy.StartRow(8);
        copy.Text(trade.Id);
        copy.Text(trade.TraderId);
        copy.Date(trade.DeliveryDay);
        copy.Int4(trade.DeliveryHour);
        copy.Text(StoredText.DirectionUtf8(trade.Direction));
        copy.Int8(trade.Price);
        copy.Int4(trade.Quantity);
        copy.TimestampTz(trade.ExecutionTimeUtc);
        aggregates.Add(trade);
    }

    /// <inheritdoc cref="PostgresCopyWriter.Send"/>
    public void Send() => copy.Send();

    public Task CompleteAsync(CancellationToken cancellationToken) => copy.CompleteAsync(cancellationToken);

    public ValueTask DisposeAsync() => copy.DisposeAsync();
}
