using FlexPower.Core.Data.TradeWrites;

namespace FlexPower.Core.Import;

/// <summary>
/// A file read and checked completely into spools of checked rows before anything is stored (SQLite, whose write lock
/// must not wait on a file). A large file is read on two threads: the rows up to its <see cref="FileCut"/> by the reader
/// that read its header, the rest by a reader that continues from it (<see cref="TradeFileReader.ContinueWith"/>), each
/// into a spool of its own; reading on one thread was a fifth of a 1M-row import while the other core idled (measured).
/// The rows are read back in file order.
/// </summary>
internal sealed class SpooledFile : ICheckedRows, IDisposable
{
    private readonly CheckedRowSpool first = CheckedRowSpool.Create();
    private CheckedRowSpool? second;
    private bool firstRead;

    private SpooledFile() { }

    public static SpooledFile Read(string path, TradeFileRows rows, TradeFileReader reader, FileStream content,
        Func<ICheckedRows, IProgress<ImportProgress>?, RowSink, CancellationToken, int> pump, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var file = new SpooledFile();
        try
        {
            if (FileCut.Of(content) is { } cut) file.ReadInTwo(path, rows, reader, cut, pump, progress, cancellationToken);
            else pump(rows, progress, file.first.Add, cancellationToken);
            file.first.Rewind();
            file.second?.Rewind();
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private void ReadInTwo(string path, TradeFileRows rows, TradeFileReader reader, FileCut cut,
        Func<ICheckedRows, IProgress<ImportProgress>?, RowSink, CancellationToken, int> pump, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var part = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan) { Position = cut.Offset };
        using var later = reader.ContinueWith(part, cut.LinesBefore);
        var secondRows = new TradeFileRows(later, part);
        var secondProgress = new Latest();
        second = CheckedRowSpool.Create();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Factory.StartNew(() => pump(secondRows, secondProgress, second.Add, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            var both = progress is null ? null : new Both(progress, cut, secondProgress);
            pump(new UpTo(rows, cut.LinesBefore), both, first.Add, cancellationToken);
        }
        catch
        {
            stop.Cancel();
            try { reading.Wait(CancellationToken.None); } catch (AggregateException) { } // the first part's failure is the one to tell
            throw;
        }
        reading.GetAwaiter().GetResult();
    }

    public long Length => first.Length + (second?.Length ?? 0);

    public long Position => first.Position + (second?.Position ?? 0);

    public bool Read(out SpooledRow row)
    {
        if (!firstRead && first.Read(out row)) return true;
        firstRead = true; // an exhausted spool asks its file again on every read
        row = default;
        return second?.Read(out row) == true;
    }

    public void Dispose()
    {
        first.Dispose();
        second?.Dispose();
    }

    /// <summary>The rows of the whole file's reader up to a line: the rows after it are the second part's.</summary>
    private sealed class UpTo(TradeFileRows rows, int lastLine) : ICheckedRows
    {
        public long Position => rows.Position;
        public long Length => rows.Length;
        public bool Read(out SpooledRow row) => rows.Read(out row) && row.Line <= lastLine;
    }

    /// <summary>The second part's last progress report, kept for the first part's.</summary>
    private sealed class Latest : IProgress<ImportProgress>
    {
        private ImportProgress last;
        public ImportProgress Last => last;
        public void Report(ImportProgress value) => last = value;
    }

    /// <summary>The first part's progress with the second part's added: rows, and bytes of each part read so far.</summary>
    private sealed class Both(IProgress<ImportProgress> progress, FileCut cut, Latest second) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            var other = second.Last;
            progress.Report(value with
            {
                Rows = value.Rows + other.Rows,
                BytesRead = Math.Min(value.BytesRead, cut.Offset) + Math.Max(0, other.BytesRead - cut.Offset),
            });
        }
    }
}
