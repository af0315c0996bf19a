using System.Runtime.CompilerServices;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Stores;
using FlexPower.Core.Data.TradeWrites;
using FlexPower.Core.Telemetry;
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
    DatabaseOutage outage,
    ChangeNotifier notifier,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<ImportService> logger)
{
    public const int MaxRejectionsReturned = 1_000;
    private const int ProgressEvery = 10_000;

    /// <summary>Spools a stream (upload, request body) to a temporary file, then imports that file.</summary>
    public Task<ImportResult> ImportAsync(Stream content, ImportRequest request, IProgress<long>? uploaded = null,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Traced.ImportAsync(ImportKind.Trades, request.FileName, request.Source, request.Caller, () => outage.RefusedUnlessStoredAsync(async () =>
        {
            var trader = request.Caller.UploadTrader(request.TraderId); // refused before the upload is read
            var started = clock.GetUtcNow().UtcDateTime;
            await using var upload = await ImportSpool.CopyAsync(content, uploaded, cancellationToken);
            return await OnOwnThread(() => ImportAsync(upload.Path, Task.FromResult(upload.Fingerprint), started, request, trader, progress, cancellationToken), cancellationToken);
        }));

    /// <summary>Imports a file on disk (inbox, command line); it is hashed while it is read.</summary>
    public Task<ImportResult> ImportFileAsync(string path, ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Traced.ImportAsync(ImportKind.Trades, request.FileName, request.Source, request.Caller, () => outage.RefusedUnlessStoredAsync(() =>
        {
            var trader = request.Caller.UploadTrader(request.TraderId);
            var started = clock.GetUtcNow().UtcDateTime;
            var fingerprinting = Task.Run(() => ImportSpool.FingerprintAsync(path, cancellationToken), cancellationToken);
            return OnOwnThread(() => ImportAsync(path, fingerprinting, started, request, trader, progress, cancellationToken), cancellationToken);
        }));

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

    private async Task<ImportResult> ImportAsync(string path, Task<FileFingerprint> fingerprinting, DateTime started,
        ImportRequest request, string? trader, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // The ledger line waits for the file's hash and the database; asking for an earlier import of the same content
        // runs while this thread reads the file (in a fresh process, the command line, that is the database's preparation too).
        var line = ledger.OpenAsync(ImportKind.Trades, request, fingerprinting, started);
        var earlier = request.Force ? Task.FromResult<ImportRecord?>(null) : FindEarlierAsync(line, cancellationToken);
        // An upload's hash and a running app's database are there at once: content imported before is turned away unread.
        if (line.IsCompletedSuccessfully && await AlreadyImportedAsync() is { } known) return known;
        var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        if (!TradeFileReader.TryOpen(content, request.Caller, trader, options.Value.MaxLineBytes, out var reader, out var problem))
            return await UnlessImportedAsync(async record => throw await ledger.FailedAsync(record, problem, cancellationToken));
        using (reader)
        {
            // The ledger line says whose trades an upload that named a trader held: the export's rows do not say it.
            var whose = reader.IsEpexExport ? $"EPEX SPOT continuous-trades export: trades of {trader}."
                : request.TraderId is null ? null : $"Uploaded for {trader}: rows of another trader_id are rejected.";
            var rows = new TradeFileRows(reader, content);
            if (!writer.BlocksOtherWriters)
                return await UnlessImportedAsync(record => StoreAsync(rows, ImportStage.ReadingAndStoring, Noted(record, whose), request.Caller, progress, cancellationToken));
            // The whole file is read and checked before the write lock is taken, so a slow or broken file never holds it.
            using var spool = SpooledFile.Read(path, rows, reader, content,
                (part, reported, sink, token) => Pump(part, ImportStage.Reading, sink, reported, token), progress, cancellationToken);
            return await UnlessImportedAsync(record => StoreAsync(spool, ImportStage.Storing, Noted(record, whose), request.Caller, progress, cancellationToken));
        }

        // Content imported before is not imported again (unless forced).
        async Task<ImportResult> UnlessImportedAsync(Func<ImportRecord, Task<ImportResult>> import) =>
            await AlreadyImportedAsync() ?? await import(await line);

        async Task<ImportResult?> AlreadyImportedAsync() =>
            await earlier is { } previous ? ToResult(await ledger.RecordAlreadyImportedAsync(await line, previous, cancellationToken), []) : null;
    }

    private static ImportRecord Noted(ImportRecord record, string? note)
    {
        if (note is not null) record.Message = record.Message is null ? note : $"{record.Message} {note}";
        return record;
    }

    private async Task<ImportRecord?> FindEarlierAsync(Task<ImportRecord> line, CancellationToken cancellationToken) =>
        await ledger.FindImportedAsync((await line).Sha256, ImportKind.Trades, series: null, cancellationToken);

    /// <summary>Stores the checked rows, the ledger line and the rejected rows in one transaction.</summary>
    private async Task<ImportResult> StoreAsync(ICheckedRows rows, ImportStage stage, ImportRecord record, Caller caller, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // Rejections go to the ledger in the same transaction, under the ledger line's id, which exists once the writer began.
        LedgerStore.Rejections? rejected = null;
        await using var write = await writer.BeginAsync(TradeBatch.File, new RowOutcomes((line, raw, reason) => rejected!.Add(line, raw, reason)), cancellationToken);
        await LedgerStore.AddAsync(write.Transaction, record, cancellationToken);
        logger.LogInformation("Import #{Id} {FileName}: storing it", record.Id, record.FileName);
        notifier.Expect();
        using var rejections = rejected = LedgerStore.OpenRejections(write.Transaction, record.Id);
        record.Rows = Pump(rows, stage, (in SpooledRow row) =>
        {
            if (row.Reason is null) write.Store(row.Trade, caller);
            else write.Reject(row.Line, row.Raw, row.Reason);
        }, progress, cancellationToken);
        var stored = await write.CompleteAsync(cancellationToken);

        (record.Inserted, record.Duplicates, record.Rejected) = (stored.Inserted, stored.Duplicates, rejections.Count);
        ledger.Imported(record);
        await LedgerStore.UpdateAsync(write.Transaction, record, cancellationToken);
        if (ledger.Audited(record, caller) is { } audited) await AuditStore.AddAsync(write.Transaction, audited, cancellationToken);
        await write.CommitAsync(cancellationToken);
        progress?.Report(new ImportProgress(stage, record.Rows, rows.Length, rows.Length));

        if (record.Inserted > 0) notifier.Publish(stored.Changes);
        ledger.Announce(record);
        return ToResult(record, rejections.First);
    }

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

    private static ImportResult ToResult(ImportRecord r, IReadOnlyList<RejectedRow> rejected) =>
        new(r.Id, r.FileName, r.Sha256, r.Status, r.Rows, r.Inserted, r.Duplicates, r.Rejected, rejected, r.Message);
}
