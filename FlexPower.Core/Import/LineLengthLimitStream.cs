using FlexPower.Core.Common;

namespace FlexPower.Core.Import;

/// <summary>
/// Passes a file through, but cuts every line after <c>limit + 1</c> bytes and drops the rest of it up to its line
/// break. The CSV reader behind it therefore never buffers more than one bounded line, and a line it sees with more
/// than <c>limit</c> bytes is one that was too long. Line breaks are CR, LF or CR LF, as the CSV reader counts them.
/// </summary>
/// <remarks>
/// CsvHelper's own <c>MaxRecordSize</c> is not used: it throws on the first long record and then on every later read,
/// so one bad line would fail the whole file, and a long record that happens to be buffered already is not caught.
/// </remarks>
internal sealed class LineLengthLimitStream(Stream source, int limit) : Stream
{
    private readonly int kept = limit + 1;
    private int lineLength;
    private bool dropping;
    private bool inFirstLine = true;

    /// <summary>Whether the first line (a file's header) was cut: a header cannot be rejected on its own like a row.</summary>
    public bool FirstLineCut { get; private set; }

    /// <summary>Why a line the reader saw longer than the limit is rejected.</summary>
    public string LineTooLong => $"line is longer than {Counts.Of(limit)} bytes, the most a line may have (Import:MaxLineBytes); the rest of it was not read";

    /// <summary>Why a file whose <see cref="FirstLineCut"/> has no usable header, to follow "its" or "the file's".</summary>
    public string FirstLineTooLong => $"first line is longer than {Counts.Of(limit)} bytes (Import:MaxLineBytes)";

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            var read = source.Read(buffer);
            if (read == 0) return 0;
            var passed = Cut(buffer[..read]);
            if (passed > 0) return passed; // else the whole block was the dropped tail of a long line
        }
    }

    /// <summary>Moves the bytes that pass to the front of <paramref name="data"/>; returns how many there are.</summary>
    private int Cut(Span<byte> data)
    {
        var output = 0;
        var next = 0;
        while (next < data.Length)
        {
            if (dropping)
            {
                var lineBreak = data[next..].IndexOfAny((byte)'\r', (byte)'\n');
                if (lineBreak < 0) return output;
                (next, dropping, lineLength) = (next + lineBreak, false, 0);
                continue;
            }
            // Only the room left in this line is searched: its last line break ends every line before it in time.
            var window = data.Slice(next, Math.Min(kept - lineLength, data.Length - next));
            var lastBreak = window.LastIndexOfAny((byte)'\r', (byte)'\n');
            var passing = lastBreak >= 0 ? lastBreak + 1 : window.Length;
            data.Slice(next, passing).CopyTo(data[output..]);
            (output, next) = (output + passing, next + passing);
            lineLength = lastBreak >= 0 ? 0 : lineLength + passing;
            dropping = lineLength == kept;
            if (lastBreak >= 0) inFirstLine = false;
            else if (dropping && inFirstLine) FirstLineCut = true;
        }
        return output;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) source.Dispose();
        base.Dispose(disposing);
    }
}
