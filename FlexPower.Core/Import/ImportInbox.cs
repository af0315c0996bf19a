using System.Text.RegularExpressions;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Prices;
using FlexPower.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace FlexPower.Core.Import;

/// <summary>
/// The folder the exchange drops its nightly file into. A scan imports every complete <c>epex_trades_YYYYMMDD.csv</c>, every
/// EPEX SPOT continuous-trades export <c>Continuous_Trades-&lt;area&gt;-YYYYMMDD-&lt;trader_id&gt;.csv</c> as that trader's
/// (<see cref="EpexExportTrader"/>), and every complete <c>prices_&lt;series&gt;_YYYYMMDD.csv</c> into that reference series, and leaves other names alone (a
/// writer's temporary name without a word: exchanges write under one and rename the file once it is complete).
/// <para>
/// It takes only regular files of the folder itself, never a link or a pipe or a device (those go to the failed folder
/// unread), and only once nobody has one open for writing and its size and time stamp stayed unchanged for
/// <see cref="ImportOptions.StableFor"/>. What it imports is the file as it was when taken, read by a deadline. A file
/// leaves the inbox only after its import committed, and only if it is still what was taken: one written to meanwhile
/// stays and is imported again, whole, once complete (trade ids make that safe), which its ledger line says. A crash
/// mid-import means the next scan imports the file again, completely.
/// </para>
/// </summary>
public sealed partial class ImportInbox(ImportService imports, PriceImportService prices, ImportLedger ledger, IOptions<ImportOptions> options, TimeProvider clock,
    ILogger<ImportInbox> logger)
{
    private static readonly Caller InboxCaller = new("inbox", IsManager: true, TraderId: null);

    // A file's read is bounded by the size it had when taken; this bounds it in time too, should the storage under the inbox stall.
    private static readonly TimeSpan MaxReadTime = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim scanning = new(1, 1);
    private readonly HashSet<string> ignored = [];
    private readonly HashSet<string> awaitingWriter = [];
    private readonly Dictionary<string, (long ImportId, long Bytes)> writtenAfterTaken = [];

    public ImportOptions Options => options.Value;

    public Task ScanAsync(CancellationToken cancellationToken) => FlexPowerTelemetry.Start("flexpower.inbox.scan").RunAsync(() => ScanCoreAsync(cancellationToken));

    private async Task ScanCoreAsync(CancellationToken cancellationToken)
    {
        await scanning.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Options.InboxDirectory);
            foreach (var path in Directory.GetFileSystemEntries(Options.InboxDirectory).Order())
            {
                var name = Path.GetFileName(path);
                if (IsBeingWritten(name)) continue;
                var series = PriceSeriesOf(name);
                var isEpexExport = EpexExportTrader(name, out var trader);
                if (series is null && !isEpexExport && !MissingFileSchedule.TryParseFileName(name, out _))
                {
                    if (ignored.Add(name))
                        logger.LogWarning("Inbox: {FileName} is not named epex_trades_YYYYMMDD.csv, Continuous_Trades-<area>-YYYYMMDD-<trader_id>.csv or prices_<series>_YYYYMMDD.csv; left alone", name);
                    continue;
                }
                await TakeAsync(new InboxFile(path, name, series, trader), cancellationToken);
            }
        }
        finally
        {
            scanning.Release();
        }
    }

    /// <summary>An entry of the inbox with an import's name; <see cref="Series"/> is null for a trade file, <see cref="TraderId"/> the trader its name gives.</summary>
    private sealed record InboxFile(string Path, string Name, string? Series, string? TraderId = null)
    {
        public ImportKind Kind => Series is null ? ImportKind.Trades : ImportKind.Prices;
    }

    /// <summary>What became of a taken file: its ledger line, and whether it could be read as trades or prices at all.</summary>
    private sealed record Outcome(long ImportId, bool Unreadable, string Summary);

    private async Task TakeAsync(InboxFile file, CancellationToken cancellationToken)
    {
        if (UnixFile.StateOf(file.Path) is not { } seen) return; // gone meanwhile
        switch (seen.Kind)
        {
            case FileKind.Directory:
                if (ignored.Add(file.Name)) logger.LogWarning("Inbox: {FileName} is a folder, not a file; left alone", file.Name);
                return;
            case FileKind.SymbolicLink:
                await RefuseAsync(file, 0, $"{file.Name} is a symbolic link: the inbox takes only files written into it and never follows a link. Nothing was read.", cancellationToken);
                return;
            case FileKind.Special:
                await RefuseAsync(file, 0, $"{file.Name} is not a regular file (a pipe, socket or device): the inbox takes only files written into it. Nothing was read.", cancellationToken);
                return;
        }
        if (file.TraderId is { } named && NoTraderId(named) is { } why)
        {
            await RefuseAsync(file, seen.Size, $"{file.Name} does not name a trader id after its date: {why} Nothing was read.", cancellationToken);
            return;
        }
        if (seen.Size > Options.MaxUploadBytes)
        {
            await RefuseAsync(file, seen.Size, $"{file.Name} has {seen.Size:N0} bytes, more than Import:MaxUploadBytes ({Options.MaxUploadBytes:N0}). Nothing was read.", cancellationToken);
            return;
        }

        await Task.Delay(Options.StableFor, clock, cancellationToken);
        using var handle = OpenUnchanged(file, seen);
        if (handle is null) return; // still growing, or replaced: the next scan looks again
        if (OpenWriters.Of(seen) is { } writer)
        {
            if (awaitingWriter.Add(file.Name)) logger.LogInformation("Inbox: {FileName} is still open for writing (process {Writer}); it is taken once closed", file.Name, writer);
            return;
        }
        awaitingWriter.Remove(file.Name);

        logger.LogInformation("Inbox: importing {FileName} ({Bytes:N0} bytes)", file.Name, seen.Size);
        var content = new TakenFileStream(new FileStream(handle, FileAccess.Read, bufferSize: 0), seen.Size, clock.GetUtcNow() + MaxReadTime, clock);
        if (await ImportAsync(file, content, cancellationToken) is not { } outcome) return;

        var now = UnixFile.StateOf(file.Path);
        if (now is null)
        {
            writtenAfterTaken.Remove(file.Name);
            logger.LogWarning("Inbox: {FileName} left the inbox while import #{Id} took it; what was taken is what was imported", file.Name, outcome.ImportId);
            return;
        }
        if (now == seen && OpenWriters.Of(seen) is null)
        {
            writtenAfterTaken.Remove(file.Name);
            var folder = outcome.Unreadable ? Options.FailedDirectory : Options.ArchiveDirectory;
            Move(file.Path, folder);
            if (outcome.Unreadable) logger.LogWarning("Inbox: {FileName} could not be imported and was moved to {Folder}: {Reason}", file.Name, folder, outcome.Summary);
            else logger.LogInformation("Inbox: {FileName} {Summary}, archived", file.Name, outcome.Summary);
            return;
        }
        writtenAfterTaken[file.Name] = (outcome.ImportId, seen.Size);
        logger.LogWarning("Inbox: {FileName} was written to after import #{Id} took it ({Bytes:N0} bytes then): it stays in the inbox and is imported again, whole, once complete",
            file.Name, outcome.ImportId, seen.Size);
    }

    /// <summary>The file opened for reading, if it is still exactly what was seen before the wait.</summary>
    private static SafeFileHandle? OpenUnchanged(InboxFile file, FileState seen)
    {
        SafeFileHandle handle;
        try
        {
            handle = UnixFile.OpenForReading(file.Path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        if (UnixFile.StateOf(handle) == seen) return handle;
        handle.Dispose();
        return null;
    }

    private async Task<Outcome?> ImportAsync(InboxFile file, Stream content, CancellationToken cancellationToken)
    {
        var note = writtenAfterTaken.TryGetValue(file.Name, out var earlier)
            ? $"{file.Name} was written to after import #{earlier.ImportId} took it ({earlier.Bytes:N0} bytes then): imported again, whole; rows stored before are not stored twice."
            : null;
        try
        {
            if (file.Series is null)
            {
                var result = await imports.ImportAsync(content, new ImportRequest(file.Name, ImportSource.Inbox, InboxCaller, Note: note) { TraderId = file.TraderId },
                    cancellationToken: cancellationToken);
                return new Outcome(result.ImportId, false, result.Status.ToString());
            }
            var priced = await prices.ImportAsync(content, new PriceImportRequest(file.Series, file.Name, ImportSource.Inbox, InboxCaller, Note: note), cancellationToken);
            return new Outcome(priced.ImportId, false,
                $"{priced.Status} ({priced.Inserted} hours new, {priced.Updated} corrected, {priced.RejectedCount} rejected)");
        }
        catch (ImportFailedException e)
        {
            return new Outcome(e.Record.Id, true, e.Message);
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            logger.LogWarning("Inbox: {FileName} could not be read ({Reason}); the next scan tries again", file.Name, e.Message);
            return null;
        }
        finally
        {
            await content.DisposeAsync();
        }
    }

    /// <summary>Moves an entry that is no file for the inbox to the failed folder, unread, with the reason in the ledger and the log.</summary>
    private async Task RefuseAsync(InboxFile file, long bytes, string reason, CancellationToken cancellationToken)
    {
        await ledger.RecordRefusedAsync(file.Kind, new ImportRequest(file.Name, ImportSource.Inbox, InboxCaller), bytes, reason, cancellationToken);
        Move(file.Path, Options.FailedDirectory);
        logger.LogWarning("Inbox: {FileName} was refused and moved to {Folder}: {Reason}", file.Name, Options.FailedDirectory, reason);
    }

    /// <summary>Why a trader id taken from a file name cannot name whose trades the file holds, or null when it can.</summary>
    private static string? NoTraderId(string named)
    {
        try
        {
            InboxCaller.UploadTrader(named);
            return null;
        }
        catch (ValidationFailedException e)
        {
            return e.Message;
        }
    }

    /// <summary>A writer's temporary name (a dot name, <c>.part</c>, <c>.tmp</c>), to be renamed once complete: left alone without a word.</summary>
    private static bool IsBeingWritten(string name) =>
        name.StartsWith('.') || name.EndsWith(".part", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase);

    /// <summary>The series a <c>prices_&lt;series&gt;_YYYYMMDD.csv</c> file belongs to, or null for another name.</summary>
    public static string? PriceSeriesOf(string fileName) =>
        PriceFileName().Match(fileName) is { Success: true } match && PriceRules.IsSeriesName(match.Groups[1].Value)
            && DateOnly.TryParseExact(match.Groups[2].Value, "yyyyMMdd", out _) ? match.Groups[1].Value : null;

    [GeneratedRegex("^prices_(.+)_([0-9]{8})\\.csv$")]
    private static partial Regex PriceFileName();

    /// <summary>
    /// Whether a name is an EPEX SPOT continuous-trades export's, <c>Continuous_Trades-&lt;area&gt;-YYYYMMDD-&lt;trader_id&gt;.csv</c>:
    /// the exchange names it <c>Continuous_Trades-DE-20251026.csv</c>, and the desk appends whose trades it holds, as the file
    /// names none. Without that suffix <paramref name="traderId"/> is null and the import says what is missing.
    /// </summary>
    public static bool EpexExportTrader(string fileName, out string? traderId)
    {
        var match = EpexExportName().Match(fileName);
        traderId = match.Success && match.Groups[3].Success ? match.Groups[3].Value : null;
        return match.Success && DateOnly.TryParseExact(match.Groups[2].Value, "yyyyMMdd", out _);
    }

    [GeneratedRegex("^Continuous_Trades-([A-Za-z0-9]+)-([0-9]{8})(?:-(.+))?\\.csv$")]
    private static partial Regex EpexExportName();

    /// <summary>Moves the entry itself (a link stays a link); a name already there gets the time appended.</summary>
    private void Move(string path, string folder)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, Path.GetFileName(path));
        if (UnixFile.StateOf(target) is not null)
            target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(path)}.{clock.GetUtcNow():yyyyMMddHHmmss}{Path.GetExtension(path)}");
        File.Move(path, target);
    }
}
