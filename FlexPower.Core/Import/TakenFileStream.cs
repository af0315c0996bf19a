namespace FlexPower.Core.Import;

/// <summary>
/// The content of a file the inbox took: exactly the <paramref name="length"/> bytes it had when it was taken — not what a
/// writer adds since — read by <paramref name="deadline"/>. Neither a file that keeps growing nor storage that stalls holds
/// the inbox; a file that shrank fails the read.
/// </summary>
internal sealed class TakenFileStream(Stream file, long length, DateTimeOffset deadline, TimeProvider clock) : Stream
{
    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;
    public override long Position { get => position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var wanted = Wanted(buffer.Length);
        return wanted == 0 ? 0 : Count(file.Read(buffer[..wanted]));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Wanted(buffer.Length);
        return wanted == 0 ? 0 : Count(await file.ReadAsync(buffer[..wanted], cancellationToken));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Wanted(int room)
    {
        if (clock.GetUtcNow() > deadline) throw new TimeoutException($"reading it took too long: {position:N0} of {length:N0} bytes were read by {deadline:u}");
        return (int)Math.Min(room, length - position);
    }

    private int Count(int read)
    {
        if (read == 0) throw new IOException($"it ended after {position:N0} of the {length:N0} bytes it had when it was taken");
        position += read;
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }
}
