using System.Buffers.Binary;
using FlexPower.Core.Trades;
using Npgsql;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// Rows in PostgreSQL's binary COPY format, written into a raw COPY stream. Through NpgsqlBinaryImporter a 1M-row file
/// cost ~1.3 s more client CPU (a string per text value, a type lookup per field; measured), on the same two cores the
/// server inserts with; here UTF-8 goes through as it is. Sent as the buffer fills, so the server inserts meanwhile.
/// </summary>
internal sealed class PostgresCopyWriter : IAsyncDisposable
{
    // Signature, flags (none), header extension length (none).
    private static ReadOnlySpan<byte> Header => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly NpgsqlRawCopyStream stream;
    private readonly byte[] buffer = new byte[1 << 16];
    private int used;
    private bool sent, ended;

    private PostgresCopyWriter(NpgsqlRawCopyStream stream) => this.stream = stream;

    public static PostgresCopyWriter Begin(NpgsqlConnection connection, string table, string columns)
    {
        var writer = new PostgresCopyWriter(connection.BeginRawBinaryCopy($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)"));
        Header.CopyTo(writer.Room(Header.Length));
        return writer;
    }

    public void StartRow(short fields) => BinaryPrimitives.WriteInt16BigEndian(Room(sizeof(short)), fields);

    public void Text(ReadOnlySpan<byte> utf8)
    {
        BinaryPrimitives.WriteInt32BigEndian(Room(sizeof(int)), utf8.Length);
        if (utf8.Length <= buffer.Length) utf8.CopyTo(Room(utf8.Length));
        else
        {
            Flush();
            stream.Write(utf8);
        }
    }

    public void Int4(int value)
    {
        var field = Room(2 * sizeof(int));
        BinaryPrimitives.WriteInt32BigEndian(field, sizeof(int));
        BinaryPrimitives.WriteInt32BigEndian(field[sizeof(int)..], value);
    }

    /// <summary>A NULL field: length −1, no bytes.</summary>
    public void Null() => BinaryPrimitives.WriteInt32BigEndian(Room(sizeof(int)), -1);

    public void Int8(long value)
    {
        var field = Room(sizeof(int) + sizeof(long));
        BinaryPrimitives.WriteInt32BigEndian(field, sizeof(long));
        BinaryPrimitives.WriteInt64BigEndian(field[sizeof(int)..], value);
    }

    /// <summary>Days since 2000-01-01.</summary>
    public void Date(DateOnly day) => Int4(day.DayNumber - PostgresEpochDay);

    /// <summary>Microseconds since 2000-01-01 UTC, cut like Npgsql cuts them.</summary>
    public void TimestampTz(DateTime utc) => Int8((utc.Ticks - PostgresEpochTicks) / 10);

    /// <summary>Sends every row written so far and the end of the data, so the server can insert them while the caller does something else.</summary>
    public void Send()
    {
        if (sent) return;
        BinaryPrimitives.WriteInt16BigEndian(Room(sizeof(short)), -1);
        Flush();
        stream.Flush();
        sent = true;
    }

    /// <summary>Ends the COPY once the server has inserted every row; a constraint the rows break fails it here, as a whole.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        Send();
        ended = true;
        await stream.DisposeAsync();
    }

    private Span<byte> Room(int size)
    {
        if (used + size > buffer.Length) Flush();
        used += size;
        return buffer.AsSpan(used - size, size);
    }

    private void Flush()
    {
        stream.Write(buffer, 0, used);
        used = 0;
    }

    /// <summary>A row's columns as COPY fields, in PostgreSQL's binary forms for text, int4, int8, date and timestamptz.</summary>
    public readonly struct Columns(PostgresCopyWriter copy) : IColumnWriter
    {
        public void Text(ReadOnlySpan<byte> utf8) => copy.Text(utf8);

        public void OptionalText(ReadOnlySpan<byte> utf8)
        {
            if (utf8.IsEmpty) copy.Null();
            else copy.Text(utf8);
        }
        public void Int(int value) => copy.Int4(value);
        public void Long(long value) => copy.Int8(value);
        public void Day(DateOnly day) => copy.Date(day);
        public void Instant(DateTime utc) => copy.TimestampTz(utc);
    }

    /// <summary>Without <see cref="CompleteAsync"/> the COPY is cancelled and stores nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!ended)
        {
            ended = true;
            await stream.CancelAsync();
        }
        await stream.DisposeAsync();
    }
}
