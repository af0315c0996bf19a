using Microsoft.Win32.SafeHandles;

namespace FlexPower.Core.Import;

/// <summary>
/// Where a large file is cut in two, to be read on two threads: after the first line break at or after its middle, with
/// the lines before the cut counted as the CSV reader counts them (CR, LF and CR LF each end a line).
/// </summary>
internal readonly record struct FileCut(long Offset, int LinesBefore)
{
    /// <summary>Smaller files are read on one thread: starting a second reader costs more than it saves.</summary>
    public const long From = 4 << 20;

    /// <summary>The cut of a file of at least <see cref="From"/> bytes whose second part starts after its header (line 3 or later); null otherwise.</summary>
    public static FileCut? Of(FileStream file)
    {
        if (file.Length < From) return null;
        var handle = file.SafeFileHandle;
        var buffer = new byte[1 << 16];
        for (var offset = file.Length / 2; offset < file.Length;)
        {
            var read = RandomAccess.Read(handle, buffer, offset);
            if (read == 0) break;
            var at = buffer.AsSpan(0, read).IndexOfAny((byte)'\r', (byte)'\n');
            if (at < 0)
            {
                offset += read;
                continue;
            }
            var cut = offset + at + 1;
            if (buffer[at] == '\r' && ByteAt(handle, cut) == '\n') cut++;
            if (cut >= file.Length) break;
            var lines = CountLines(handle, cut);
            return lines >= 2 ? new FileCut(cut, lines) : null;
        }
        return null;
    }

    private static int ByteAt(SafeFileHandle handle, long offset)
    {
        Span<byte> one = stackalloc byte[1];
        return RandomAccess.Read(handle, one, offset) == 1 ? one[0] : -1;
    }

    /// <summary>The line breaks before <paramref name="end"/>, which follows one: each LF, and each CR that no LF follows.</summary>
    private static int CountLines(SafeFileHandle handle, long end)
    {
        var buffer = new byte[1 << 20];
        var (lines, crAtEnd) = (0L, false);
        for (long offset = 0; offset < end;)
        {
            var chunk = buffer.AsSpan(0, RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - offset)), offset));
            if (chunk.IsEmpty) break;
            lines += chunk.Count((byte)'\n');
            if (crAtEnd && chunk[0] != '\n') lines++; // the previous chunk's last byte was a CR on its own
            for (var from = 0; chunk[from..^1].IndexOf((byte)'\r') is var found and >= 0; from += found + 1)
                if (chunk[from + found + 1] != '\n') lines++; // a CR in the last byte is settled by the next chunk
            crAtEnd = chunk[^1] == '\r';
            offset += chunk.Length;
        }
        if (crAtEnd) lines++;
        return checked((int)lines);
    }
}
