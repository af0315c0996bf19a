using System.Buffers.Binary;
using System.Text;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Import;

/// <summary>
/// The rows of one file after reading and checking, in file order, kept in a temporary file until they are stored:
/// memory stays flat whatever the file size, and storing (under the write lock) only copies fields. Each row is a
/// frame: length, kind, line, raw text, then a trade's fields in binary or a rejection's reason.
/// </summary>
internal sealed class CheckedRowSpool : IDisposable
{
    private const byte TradeRow = 1;
    private const byte RejectedRow = 2;
    private const int RowHeader = sizeof(byte) + 2 * sizeof(int);
    private const int TradeFields = 2 * sizeof(ushort) + sizeof(int) + 2 * sizeof(byte) + sizeof(long) + sizeof(int) + sizeof(long);

    private readonly FileStream file;
    private byte[] buffer = new byte[1 << 16];
    private int start; // reading: the next frame; writing: always 0
    private int end; // the end of the buffered bytes

    private CheckedRowSpool(FileStream file) => this.file = file;

    public static CheckedRowSpool Create()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flexpower-import-{Guid.NewGuid():N}.rows");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.DeleteOnClose);
        // Unlinked at once where the open file stays usable, so not even a killed process leaves it behind.
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        return new CheckedRowSpool(file);
    }

    /// <summary>The spool's size; once rewound, <see cref="Position"/> tells how much of it has been read.</summary>
    public long Length => file.Length;

    public long Position => file.Position - (end - start);

    public void AddTrade(int line, ReadOnlySpan<byte> raw, Trade trade)
    {
        var (idBytes, traderBytes) = (Encoding.UTF8.GetByteCount(trade.Id), Encoding.UTF8.GetByteCount(trade.TraderId));
        var fields = StartRow(TradeRow, line, raw, TradeFields + idBytes + traderBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(fields, (ushort)idBytes);
        Encoding.UTF8.GetBytes(trade.Id, fields[2..]);
        fields = fields[(2 + idBytes)..];
        BinaryPrimitives.WriteUInt16LittleEndian(fields, (ushort)traderBytes);
        Encoding.UTF8.GetBytes(trade.TraderId, fields[2..]);
        fields = fields[(2 + traderBytes)..];
        BinaryPrimitives.WriteInt32LittleEndian(fields, trade.DeliveryDay.DayNumber);
        fields[4] = (byte)trade.DeliveryHour;
        fields[5] = (byte)trade.Direction;
        BinaryPrimitives.WriteInt64LittleEndian(fields[6..], trade.Price);
        BinaryPrimitives.WriteInt32LittleEndian(fields[14..], trade.Quantity);
        BinaryPrimitives.WriteInt64LittleEndian(fields[18..], trade.ExecutionTimeUtc.Ticks);
    }

    public void AddRejection(int line, ReadOnlySpan<byte> raw, string reason) =>
        Encoding.UTF8.GetBytes(reason, StartRow(RejectedRow, line, raw, Encoding.UTF8.GetByteCount(reason)));

    /// <summary>Writes a frame's common part and returns the room for the rest.</summary>
    private Span<byte> StartRow(byte kind, int line, ReadOnlySpan<byte> raw, int rest)
    {
        var frame = Reserve(sizeof(int) + RowHeader + raw.Length + rest);
        BinaryPrimitives.WriteInt32LittleEndian(frame, frame.Length - sizeof(int));
        frame[4] = kind;
        BinaryPrimitives.WriteInt32LittleEndian(frame[5..], line);
        BinaryPrimitives.WriteInt32LittleEndian(frame[9..], raw.Length);
        raw.CopyTo(frame[13..]);
        return frame[(13 + raw.Length)..];
    }

    private Span<byte> Reserve(int size)
    {
        if (end + size > buffer.Length)
        {
            file.Write(buffer, 0, end);
            end = 0;
            if (size > buffer.Length) buffer = new byte[size];
        }
        end += size;
        return buffer.AsSpan(end - size, size);
    }

    /// <summary>Ends writing; rows are read from the first on.</summary>
    public void Rewind()
    {
        file.Write(buffer, 0, end);
        file.Position = 0;
        (start, end) = (0, 0);
    }

    public bool Read(out SpooledRow row)
    {
        row = default;
        if (!Buffered(sizeof(int))) return false;
        var size = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start));
        if (!Buffered(sizeof(int) + size)) throw new EndOfStreamException("The import spool ends inside a row.");
        var frame = buffer.AsSpan(start + sizeof(int), size);
        start += sizeof(int) + size;

        var (line, rawLength) = (BinaryPrimitives.ReadInt32LittleEndian(frame[1..]), BinaryPrimitives.ReadInt32LittleEndian(frame[5..]));
        var raw = frame.Slice(RowHeader, rawLength);
        var rest = frame[(RowHeader + rawLength)..];
        row = frame[0] == RejectedRow
            ? new SpooledRow { Line = line, Raw = raw, Reason = Encoding.UTF8.GetString(rest) }
            : new SpooledRow { Line = line, Raw = raw, Trade = DecodeTrade(line, raw, rest) };
        return true;
    }

    private static CheckedTrade DecodeTrade(int line, ReadOnlySpan<byte> raw, ReadOnlySpan<byte> fields)
    {
        var id = fields.Slice(2, BinaryPrimitives.ReadUInt16LittleEndian(fields));
        fields = fields[(2 + id.Length)..];
        var traderId = fields.Slice(2, BinaryPrimitives.ReadUInt16LittleEndian(fields));
        fields = fields[(2 + traderId.Length)..];
        return new CheckedTrade
        {
            Line = line,
            Raw = raw,
            Id = id,
            TraderId = traderId,
            DeliveryDay = DateOnly.FromDayNumber(BinaryPrimitives.ReadInt32LittleEndian(fields)),
            DeliveryHour = fields[4],
            Direction = (TradeDirection)fields[5],
            Price = BinaryPrimitives.ReadInt64LittleEndian(fields[6..]),
            Quantity = BinaryPrimitives.ReadInt32LittleEndian(fields[14..]),
            ExecutionTimeUtc = new DateTime(BinaryPrimitives.ReadInt64LittleEndian(fields[18..]), DateTimeKind.Utc),
        };
    }

    /// <summary>Makes sure the next <paramref name="count"/> bytes are in the buffer; false at the end of the spool.</summary>
    private bool Buffered(int count)
    {
        if (end - start >= count) return true;
        if (count > buffer.Length) Array.Resize(ref buffer, count);
        buffer.AsSpan(start, end - start).CopyTo(buffer);
        (end, start) = (end - start, 0);
        int read;
        while (end < count && (read = file.Read(buffer, end, buffer.Length - end)) > 0) end += read;
        return end >= count;
    }

    public void Dispose() => file.Dispose();
}
