using System.Runtime.CompilerServices;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Import;

/// <summary>
/// Imports an exchange trade file, for every entry point (page, API, inbox, command line): its checked rows are stored
/// in one transaction with the ledger line and rejected rows, so a crash leaves the database as it was, and the same
/// content (SHA-256) is never imported twice. Where an open write blocks other writers (SQLite), the whole file is
/// first read and checked without any lock, into a spool of checked rows, so a slow or broken file never holds the
/// write lock; elsewhere (PostgreSQL) rows are stored as they are read, and the database inserts while the file is parsed.
/// </summary>
public sealed class ImportService(
    ImportLedger ledger,
    ITradeWriter writer,
    ChangeNotifier notifier,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<ImportService> logger)
{
    public const int MaxRejectionsReturned = 1_000;
    private const int ProgressEvery = 10_000;

    /// <summary>Spools a stream (upload, request body) to a temporary file, then imports that file.</summary>
    public async Task<ImportResult> ImportAsync(Stream content, ImportRequest request, IProgress<long>? uploaded = null,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        await using var upload = await ImportSpool.CopyAsync(content, uploaded, cancellationToken);
        return await OnOwnThread(() => ImportAsync(upload.Path, Task.FromResult(upload.Fingerprint), Task.CompletedTask, started, request, progress, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Imports a file on disk. <paramref name="databaseReady"/>: the database's preparation when it is still running — the
    /// command line starts it with the import, which reads the file meanwhile and waits for it only to write.
    /// </summary>
    public async Task<ImportResult> ImportFileAsync(string path, ImportRequest request, IProgress<ImportProgress>? progress = null,
        Task? databaseReady = null, CancellationToken cancellationToken = default)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var fingerprinting = Task.Run(() => ImportSpool.FingerprintAsync(path, cancellationToken), cancellationToken);
        return await OnOwnThread(() => ImportAsync(path, fingerprinting, databaseReady ?? Task.CompletedTask, started, request, progress, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Reading and storing a large file are seconds of synchronous CPU and SQLite work (SQLite's async calls complete
    /// at once): on a thread of their own they leave the thread pool to requests, circuits and timers.
    /// </summary>
    private static Task<ImportResult> OnOwnThread(Func<Task<ImportResult>> import, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(import, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>The ledger, newest first: all imports for a Manager, a Trader's own otherwise.</summary>
    public Task<IReadOnlyList<ImportRecord>> ListAsync(Caller caller, int take = 200, CancellationToken cancellationToken = default) =>
        ledger.ListAsync(caller, take, cancellationToken);

    /// <summary>The rows an import rejected, in file order; only its importer or a Manager may read them (checked before any row is read).</summary>
    public Task<IAsyncEnumerable<ImportRejection>> RejectionsAsync(Caller caller, long importId, CancellationToken cancellationToken = default) =>
        ledger.RejectionsAsync(caller, importId, cancellationToken);

    private async Task<ImportResult> ImportAsync(string path, Task<FileFingerprint> fingerprinting, Task databaseReady, DateTime started,
        ImportRequest request, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // Hashing the file and asking the ledger for an earlier import of the same content run while this thread reads the
        // file. In a fresh process (the command line) that includes preparing the database and EF Core's start-up, ~1 s of JIT.
        var earlier = request.Force ? Task.FromResult<ImportRecord?>(null) : FindEarlierAsync(fingerprinting, databaseReady, cancellationToken);
        // An upload's hash and a running app's database are there at once: content imported before is turned away unread.
        if (fingerprinting.IsCompletedSuccessfully && databaseReady.IsCompletedSuccessfully && await AlreadyImportedAsync() is { } known) return known;
        var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        if (!TradeFileReader.TryOpen(content, request.Caller, options.Value.MaxLineBytes, out var reader, out var problem))
            return await UnlessImportedAsync(record => RecordFailedAsync(record, problem, cancellationToken));
        using (reader)
        {
            var rows = new TradeFileRows(reader, content);
            if (!writer.BlocksOtherWriters)
                return await UnlessImportedAsync(record => StoreAsync(rows, ImportStage.ReadingAndStoring, record, request.Caller, progress, cancellationToken));
            // The whole file is read and checked before the write lock is taken, so a slow or broken file never holds it.
            using var spool = CheckedRowSpool.Create();
            Pump(rows, ImportStage.Reading, (in SpooledRow row) =>
            {
                if (row.Reason is null) spool.AddTrade(row.Trade);
                else spool.AddRejection(row.Line, row.Raw, row.Reason);
            }, progress, cancellationToken);
            spool.Rewind();
            return await UnlessImportedAsync(record => StoreAsync(spool, ImportStage.Storing, record, request.Caller, progress, cancellationToken));
        }

        // Content imported before is not imported again (unless forced).
        async Task<ImportResult> UnlessImportedAsync(Func<ImportRecord, Task<ImportResult>> import) =>
            await AlreadyImportedAsync() ?? await import(await NewRecordAsync());

        async Task<ImportResult?> AlreadyImportedAsync()
        {
            if (await earlier is not { } previous) return null;
            var record = await NewRecordAsync();
            record.Status = ImportStatus.AlreadyImported;
            record.Message = $"Same content (SHA-256) as import #{previous.Id} '{previous.FileName}' of {previous.FinishedUtc:yyyy-MM-dd HH:mm} UTC; nothing imported. Use force to re-run it.";
            return await RecordUnimportedAsync(record, cancellationToken);
        }

        // The ledger line, once the file is hashed and the database ready.
        async Task<ImportRecord> NewRecordAsync()
        {
            var file = await fingerprinting;
            await databaseReady;
            return new ImportRecord
            {
                Source = request.Source, FileName = request.FileName, Sha256 = file.Sha256, SizeBytes = file.SizeBytes,
                UserName = request.Caller.UserName, StartedUtc = started, Forced = request.Force,
            };
        }
    }

    private async Task<ImportResult> RecordFailedAsync(ImportRecord record, string problem, CancellationToken cancellationToken)
    {
        record.Status = ImportStatus.Failed;
        record.Message = problem;
        throw new ImportFailedException(problem, await RecordUnimportedAsync(record, cancellationToken));
    }

    private async Task<ImportRecord?> FindEarlierAsync(Task<FileFingerprint> fingerprinting, Task databaseReady, CancellationToken cancellationToken)
    {
        var sha256 = (await fingerprinting).Sha256;
        await databaseReady;
        return await ledger.FindImportedAsync(sha256, ImportKind.Trades, cancellationToken);
    }

    /// <summary>Stores the checked rows, the ledger line and the rejected rows in one transaction.</summary>
    private async Task<ImportResult> StoreAsync(ICheckedRows rows, ImportStage stage, ImportRecord record, Caller caller, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // Rejections go to the ledger in the same transaction, under the ledger line's id, which exists once the writer began.
        LedgerRejections? rejected = null;
        await using var write = await writer.BeginAsync(TradeBatch.File, new RowOutcomes((line, raw, reason) => rejected!.Add(line, raw, reason)), cancellationToken);
        await ledger.AddAsync(record, write.Transaction, cancellationToken);
        logger.LogInformation("Import #{Id} {FileName}: storing it", record.Id, record.FileName);
        using var rejections = rejected = ledger.OpenRejections(write.Transaction, record.Id);
        record.Rows = Pump(rows, stage, (in SpooledRow row) =>
        {
            if (row.Reason is null) write.Store(row.Trade, caller);
            else write.Reject(row.Line, row.Raw, row.Reason);
        }, progress, cancellationToken);
        var stored = await write.CompleteAsync(cancellationToken);

        (record.Inserted, record.Duplicates, record.Rejected) = (stored.Inserted, stored.Duplicates, rejections.Count);
        record.Status = ImportStatus.Imported;
        record.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        await ledger.UpdateAsync(record, write.Transaction, cancellationToken);
        await write.CommitAsync(cancellationToken);
        progress?.Report(new ImportProgress(stage, record.Rows, rows.Length, rows.Length));

        logger.LogInformation("Import #{Id} {FileName} ({Source}, {User}): {Rows} rows, {Inserted} inserted, {Duplicates} duplicates, {Rejected} rejected",
            record.Id, record.FileName, record.Source, record.UserName, record.Rows, record.Inserted, record.Duplicates, record.Rejected);
        if (record.Inserted > 0) notifier.Publish(stored.Changes);
        notifier.Publish(ImportRecorded.Of(record));
        return ToResult(record, rejections.First);
    }

    private delegate void RowSink(in SpooledRow row);

    /// <summary>Hands every row to <paramref name="sink"/>, checking for cancellation and reporting progress as it goes; returns how many rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Pump(ICheckedRows rows, ImportStage stage, RowSink sink, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var count = 0;
        while (rows.Read(out var row))
        {
            sink(row);
            if (++count % ProgressEvery != 0) continue;
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ImportProgress(stage, count, rows.Position, rows.Length));
        }
        return count;
    }

    /// <summary>Records a file that imported nothing: content seen before, or unusable.</summary>
    private async Task<ImportResult> RecordUnimportedAsync(ImportRecord record, CancellationToken cancellationToken)
    {
        record.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        await ledger.AddAsync(record, cancellationToken);
        logger.LogInformation("Import #{Id} {FileName} ({Source}, {User}): {Status}. {Message}", record.Id, record.FileName, record.Source, record.UserName, record.Status, record.Message);
        notifier.Publish(ImportRecorded.Of(record));
        return ToResult(record, []);
    }

    private static ImportResult ToResult(ImportRecord r, IReadOnlyList<RejectedRow> rejected) =>
        new(r.Id, r.FileName, r.Sha256, r.Status, r.Rows, r.Inserted, r.Duplicates, r.Rejected, rejected, r.Message);
}
