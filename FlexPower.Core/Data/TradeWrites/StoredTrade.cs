using FlexPower.Core.Common;
using System.Runtime.CompilerServices;
using T = FlexPower.Core.Data.Configurations.TradeConfiguration;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// A trade's columns as the bulk paths write and read them, the one place of their order: SQLite's prepared statements,
/// PostgreSQL's binary COPY and the stored trades it reads back, and the spool of checked rows. A new trade column is a line in
/// <see cref="Columns"/>, <see cref="Write"/> and <see cref="Read"/>; each path says once how it writes a text, a day, a number.
/// </summary>
internal static class StoredTrade
{
    public const string Columns = $"{T.Id}, {T.TraderId}, {T.DeliveryDay}, {T.DeliveryHour}, {T.Direction}, {T.Price}, {T.Quantity}, {T.ExecutionTimeUtc}";
    public const int Count = 8;

    /// <summary>The <see cref="Columns"/> of a table aliased <paramref name="alias"/> in a join.</summary>
    public static string ColumnsOf(string alias) => string.Join(", ", Columns.Split(", ").Select(column => $"{alias}.{column}"));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<TColumns>(ref TColumns columns, in CheckedTrade trade) where TColumns : IColumnWriter, allows ref struct
    {
        columns.Text(trade.Id);
        columns.Text(trade.TraderId);
        columns.Day(trade.DeliveryDay);
        columns.Int(trade.DeliveryHour);
        columns.Text(StoredText.DirectionUtf8(trade.Direction));
        columns.Long(trade.Price);
        columns.Int(trade.Quantity);
        columns.Instant(trade.ExecutionTimeUtc);
    }

    /// <summary>A trade read back in <see cref="Columns"/> order; its texts are the reader's (valid as long as it says).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CheckedTrade Read<TColumns>(scoped ref TColumns columns, int line, ReadOnlySpan<byte> raw) where TColumns : IColumnReader, allows ref struct
    {
        var id = columns.Text();
        var traderId = columns.Text();
        var (day, hour) = (columns.Day(), columns.Int());
        var (direction, price, quantity, executionTime) = (StoredText.ParseDirection(columns.Text()), columns.Long(), columns.Int(), columns.Instant());
        var start = BerlinTime.HourStartUtc(day, hour);
        return new()
        {
            Line = line,
            Raw = raw,
            Id = id,
            TraderId = traderId,
            DeliveryDay = day,
            DeliveryHour = hour,
            Direction = direction,
            Price = price,
            Quantity = quantity,
            ExecutionTimeUtc = executionTime,
            DeliveryStartUtc = start,
            DeliveryEndUtc = start.AddHours(1),
            QuantityTenths = quantity * 10L,
        };
    }
}

/// <summary>Where a row's columns go, one after the other: how a path writes each kind of value.</summary>
internal interface IColumnWriter
{
    void Text(ReadOnlySpan<byte> utf8);
    void Int(int value);
    void Long(long value);
    void Day(DateOnly day);

    /// <summary>A UTC instant.</summary>
    void Instant(DateTime utc);
}

/// <summary>Where a row's columns are read back from, in the order they were written.</summary>
internal interface IColumnReader
{
    ReadOnlySpan<byte> Text();
    int Int();
    long Long();
    DateOnly Day();
    DateTime Instant();
}
