using System.Security.Cryptography;

namespace FlexPower.Core.Import;

/// <summary>What the ledger knows a file's content by.</summary>
public sealed record FileFingerprint(string Sha256, long SizeBytes);

/// <summary>
/// An upload (page, request body) copied to a temporary file <c>flexpower-import-*.csv</c>, hashed while it is
/// copied so the content is read once; disposing deletes the file. Also fingerprints a file already on disk.
/// </summary>
public sealed class ImportSpool : IAsyncDisposable
{
    private const int BufferSize = 1 << 16;
    private const string NamePattern = "flexpower-import-*.csv";

    /// <summary>Spools older than this belong to no upload still running: a killed process left them behind.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(6);

    private ImportSpool(string path, FileFingerprint fingerprint) => (Path, Fingerprint) = (path, fingerprint);

    public string Path { get; }
    public FileFingerprint Fingerprint { get; }

    /// <summary>Copies <paramref name="content"/> to a new temporary file, reporting the bytes copied so far.</summary>
    public static async Task<ImportSpool> CopyAsync(Stream content, IProgress<long>? copied, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), NamePattern.Replace("*", Guid.NewGuid().ToString("N")));
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[BufferSize];
            long size = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha256.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                size += read;
                copied?.Report(size);
            }
            return new ImportSpool(path, new FileFingerprint(Convert.ToHexStringLower(sha256.GetHashAndReset()), size));
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Deletes the spools killed processes left in the temporary folder; returns how many.</summary>
    public static int RemoveStale(TimeProvider clock)
    {
        var removed = 0;
        foreach (var file in new DirectoryInfo(System.IO.Path.GetTempPath()).EnumerateFiles(NamePattern))
        {
            if (clock.GetUtcNow() - file.LastWriteTimeUtc < StaleAfter) continue;
            try
            {
                file.Delete();
                removed++;
            }
            catch (IOException) { } // someone else's, or already gone
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    /// <summary>The fingerprint of a file that is already on disk (inbox, command line).</summary>
    public static async Task<FileFingerprint> FingerprintAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return new FileFingerprint(Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken)), file.Length);
    }

    public ValueTask DisposeAsync()
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }
}
