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
    public const string Columns = $"{T.Id}, {T.TraderId}, {T.DeliveryDay}, {T.DeliveryHour}, {T.DeliveryStartUtc}, {T.DeliveryEndUtc}, {T.Product}, " +
        $"{T.Direction}, {T.Price}, {T.QuantityTenths}, {T.ExecutionTimeUtc}";
    public const int Count = 11;

    /// <summary>The <see cref="Columns"/> of a table aliased <paramref name="alias"/> in a join.</summary>
    public static string ColumnsOf(string alias) => string.Join(", ", Columns.Split(", ").Select(column => $"{alias}.{column}"));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<TColumns>(ref TColumns columns, in CheckedTrade trade) where TColumns : IColumnWriter, allows ref struct
    {
        columns.Text(trade.Id);
        columns.Text(trade.TraderId);
        columns.Day(trade.DeliveryDay);
        columns.Int(trade.DeliveryHour);
        columns.Instant(trade.DeliveryStartUtc);
        columns.Instant(trade.DeliveryEndUtc);
        columns.OptionalText(trade.Product);
        columns.Text(StoredText.DirectionUtf8(trade.Direction));
        columns.Long(trade.Price);
        columns.Long(trade.QuantityTenths);
        columns.Instant(trade.ExecutionTimeUtc);
    }

    /// <summary>A trade read back in <see cref="Columns"/> order; its texts are the reader's (valid as long as it says).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CheckedTrade Read<TColumns>(scoped ref TColumns columns, int line, ReadOnlySpan<byte> raw) where TColumns : IColumnReader, allows ref struct
    {
        var id = columns.Text();
        var traderId = columns.Text();
        var (day, hour) = (columns.Day(), columns.Int());
        var (start, end) = (columns.Instant(), columns.Instant());
        var product = columns.OptionalText();
        var (direction, price, quantityTenths, executionTime) = (StoredText.ParseDirection(columns.Text()), columns.Long(), columns.Long(), columns.Instant());
        return new()
        {
            Line = line,
            Raw = raw,
            Id = id,
            TraderId = traderId,
            DeliveryDay = day,
            DeliveryHour = hour,
            DeliveryStartUtc = start,
            DeliveryEndUtc = end,
            Product = product,
            Direction = direction,
            Price = price,
            QuantityTenths = quantityTenths,
            ExecutionTimeUtc = executionTime,
        };
    }
}

/// <summary>Where a row's columns go, one after the other: how a path writes each kind of value.</summary>
internal interface IColumnWriter
{
    void Text(ReadOnlySpan<byte> utf8);

    /// <summary>A text that may be absent: empty is NULL (the rules never keep an empty optional text).</summary>
    void OptionalText(ReadOnlySpan<byte> utf8);
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

    /// <summary>Empty for NULL.</summary>
    ReadOnlySpan<byte> OptionalText();
    int Int();
    long Long();
    DateOnly Day();
    DateTime Instant();
}
