using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// Checked rows in line order, kept until they are stored and reported: in memory while they fit one buffer (a group of
/// single trades), beyond that in a temporary file, so memory stays flat whatever the file size. Each row is a frame:
/// length, kind, line, raw text, then a trade's columns in binary (<see cref="StoredTrade"/>) or a rejection's reason.
/// Written once, then read any number of times from the first row on.
/// </summary>
internal sealed class CheckedRowSpool : ICheckedRows, IDisposable
{
    private const byte TradeRow = 1;
    private const byte RejectedRow = 2;
    private const int RowHeader = sizeof(byte) + 2 * sizeof(int);

    private FileStream? file; // created when the rows outgrow the buffer
    private byte[] buffer = new byte[1 << 16];
    private int start; // reading: the next frame; writing: always 0
    private int end; // the end of the buffered bytes
    private bool reading;

    private CheckedRowSpool() { }

    public static CheckedRowSpool Create() => new();

    /// <summary>The bytes written; once rewound, <see cref="Position"/> tells how many of them have been read.</summary>
    public long Length { get; private set; }

    public long Position => file is null ? start : file.Position - (end - start);

    /// <summary>Adds a checked row: its trade, or its rejection.</summary>
    public void Add(in SpooledRow row)
    {
        if (row.Reason is null) AddTrade(row.Trade);
        else AddRejection(row.Line, row.Raw, row.Reason);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddTrade(in CheckedTrade trade)
    {
        var size = new Measure();
        StoredTrade.Write(ref size, trade);
        var fields = new Fields(StartRow(TradeRow, trade.Line, trade.Raw, size.Bytes));
        StoredTrade.Write(ref fields, trade);
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
        if (reading) throw new InvalidOperationException("The spool is being read: rows can no longer be added.");
        if (end + size > buffer.Length)
        {
            (file ??= CreateFile()).Write(buffer, 0, end);
            end = 0;
            if (size > buffer.Length) buffer = new byte[size];
        }
        end += size;
        Length += size;
        return buffer.AsSpan(end - size, size);
    }

    private static FileStream CreateFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"flexpower-import-{Guid.NewGuid():N}.rows");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.DeleteOnClose);
        // Unlinked at once where the open file stays usable, so not even a killed process leaves it behind.
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        return file;
    }

    /// <summary>Ends writing (the first time); rows are read from the first on.</summary>
    public void Rewind()
    {
        if (!reading && file is not null) file.Write(buffer, 0, end);
        reading = true;
        start = 0;
        if (file is null) return; // every row is in the buffer
        file.Position = 0;
        end = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        var columns = new FieldReader(fields);
        return StoredTrade.Read(ref columns, line, raw);
    }

    /// <summary>Makes sure the next <paramref name="count"/> bytes are in the buffer; false at the end of the spool.</summary>
    private bool Buffered(int count)
    {
        if (!reading) throw new InvalidOperationException("Rewind the spool before reading it.");
        if (end - start >= count) return true;
        if (file is null) return false;
        if (count > buffer.Length) Array.Resize(ref buffer, count);
        buffer.AsSpan(start, end - start).CopyTo(buffer);
        (end, start) = (end - start, 0);
        int read;
        while (end < count && (read = file.Read(buffer, end, buffer.Length - end)) > 0) end += read;
        return end >= count;
    }

    public void Dispose() => file?.Dispose();

    /// <summary>How many bytes a trade's fields take in a frame.</summary>
    private struct Measure : IColumnWriter
    {
        public int Bytes { get; private set; }

        public void Text(ReadOnlySpan<byte> utf8) => Bytes += sizeof(int) + utf8.Length;
        public void OptionalText(ReadOnlySpan<byte> utf8) => Text(utf8);
        public void Int(int value) => Bytes += sizeof(int);
        public void Long(long value) => Bytes += sizeof(long);
        public void Day(DateOnly day) => Bytes += sizeof(int);
        public void Instant(DateTime utc) => Bytes += sizeof(long);
    }

    /// <summary>A trade's fields written into its frame: texts with their length, days as day numbers, instants as ticks.</summary>
    private ref struct Fields(Span<byte> room) : IColumnWriter
    {
        private Span<byte> room = room;

        public void Text(ReadOnlySpan<byte> utf8)
        {
            BinaryPrimitives.WriteInt32LittleEndian(room, utf8.Length);
            utf8.CopyTo(room[sizeof(int)..]);
            room = room[(sizeof(int) + utf8.Length)..];
        }

        public void OptionalText(ReadOnlySpan<byte> utf8) => Text(utf8);

        public void Int(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(room, value);
            room = room[sizeof(int)..];
        }

        public void Long(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(room, value);
            room = room[sizeof(long)..];
        }

        public void Day(DateOnly day) => Int(day.DayNumber);
        public void Instant(DateTime utc) => Long(utc.Ticks);
    }

    /// <summary>A trade's fields read back from its frame; the texts are slices of it.</summary>
    private ref struct FieldReader(ReadOnlySpan<byte> fields) : IColumnReader
    {
        private ReadOnlySpan<byte> fields = fields;

        public ReadOnlySpan<byte> Text()
        {
            var text = fields.Slice(sizeof(int), BinaryPrimitives.ReadInt32LittleEndian(fields));
            fields = fields[(sizeof(int) + text.Length)..];
            return text;
        }

        public ReadOnlySpan<byte> OptionalText() => Text();

        public int Int()
        {
            var value = BinaryPrimitives.ReadInt32LittleEndian(fields);
            fields = fields[sizeof(int)..];
            return value;
        }

        public long Long()
        {
            var value = BinaryPrimitives.ReadInt64LittleEndian(fields);
            fields = fields[sizeof(long)..];
            return value;
        }

        public DateOnly Day() => DateOnly.FromDayNumber(Int());
        public DateTime Instant() => new(Long(), DateTimeKind.Utc);
    }
}
