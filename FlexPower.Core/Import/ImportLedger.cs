using System.Runtime.CompilerServices;
using FlexPower.Core.Accounts;
using FlexPower.Core.Audit;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Stores;
using FlexPower.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Import;

/// <summary>
/// The import ledger, and what every import does around reading its file, whatever the file holds (trades or prices): one
/// line per file (who sent it, from where, its content, how it went), the check for content imported before, the record of
/// a file that imported nothing — seen before, or unreadable, which is an <see cref="ImportFailedException"/> — and the
/// announcement of every line. Lines go through EF, but for the two statements inside a trade import's transaction and
/// the check for content imported before (<see cref="LedgerStore"/>).
/// </summary>
public sealed class ImportLedger(IDbContextFactory<FlexPowerDbContext> dbFactory, PlainConnections connections, DatabaseReadiness database, DatabaseOutage outage, ChangeNotifier notifier,
    TimeProvider clock, ILogger<ImportLedger> logger)
{
    /// <summary>
    /// A file's line, once its content is fingerprinted and the database ready; written when its outcome is known, or (a
    /// price file stored in several transactions) with its first one. <paramref name="series"/> is the price file's series.
    /// </summary>
    public async Task<ImportRecord> OpenAsync(ImportKind kind, ImportRequest request, Task<FileFingerprint> fingerprinting, DateTime startedUtc, string? series = null)
    {
        var file = await fingerprinting;
        await database.WhenReady;
        return new ImportRecord
        {
            Kind = kind, Source = request.Source, FileName = request.FileName, Sha256 = file.Sha256, SizeBytes = file.SizeBytes,
            UserName = request.Caller.UserName, StartedUtc = startedUtc, Forced = request.Force, Message = request.Note, Series = series,
        };
    }

    /// <summary>
    /// An earlier successful import of the same content as the same kind of file (trades or prices) and, for prices, into
    /// the same series, if any.
    /// </summary>
    public async Task<ImportRecord?> FindImportedAsync(string sha256, ImportKind kind, string? series, CancellationToken cancellationToken)
    {
        await database.WhenReady;
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await LedgerStore.FindImportedAsync(connection, sha256, kind, series, cancellationToken);
    }

    /// <summary>Records a file whose content was imported before: nothing is imported (force re-runs it).</summary>
    public Task<ImportRecord> RecordAlreadyImportedAsync(ImportRecord record, ImportRecord previous, CancellationToken cancellationToken)
    {
        record.Status = ImportStatus.AlreadyImported;
        record.AppendMessage($"Same content (SHA-256) as {(record.Kind == ImportKind.Prices ? "price import" : "import")} #{previous.Id} '{previous.FileName}' " +
            $"of {previous.FinishedUtc:yyyy-MM-dd HH:mm} UTC; nothing imported. Use force to re-run it.");
        return RecordUnimportedAsync(record, cancellationToken);
    }

    /// <summary>Records a file that cannot be read at all, and returns the failure to throw: nothing was stored.</summary>
    public async Task<ImportFailedException> FailedAsync(ImportRecord record, string problem, CancellationToken cancellationToken)
    {
        record.Status = ImportStatus.Failed;
        record.AppendMessage(problem);
        return new ImportFailedException(problem, await RecordUnimportedAsync(record, cancellationToken));
    }

    /// <summary>Records a file refused unread (the inbox: a link, a pipe, a file too large); nothing was imported.</summary>
    public async Task<ImportRecord> RecordRefusedAsync(ImportKind kind, ImportRequest request, long sizeBytes, string reason, CancellationToken cancellationToken)
    {
        await database.WhenReady;
        var now = clock.GetUtcNow().UtcDateTime;
        return await RecordUnimportedAsync(new ImportRecord
        {
            Kind = kind, Source = request.Source, FileName = request.FileName, Sha256 = "", SizeBytes = sizeBytes, UserName = request.Caller.UserName,
            StartedUtc = now, Status = ImportStatus.Failed, Message = reason,
        }, cancellationToken);
    }

    private async Task<ImportRecord> RecordUnimportedAsync(ImportRecord record, CancellationToken cancellationToken)
    {
        record.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.Imports.Add(record);
            await db.SaveChangesAsync(cancellationToken);
        }
        Announce(record);
        return record;
    }

    /// <summary>A line whose file was imported: its outcome is the rows counted on it; it is written in the import's (last) transaction.</summary>
    public void Imported(ImportRecord record)
    {
        record.Status = ImportStatus.Imported;
        record.FinishedUtc = clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>
    /// A line whose file is stored in several transactions and has more to go, written with each: what is stored so far, up
    /// to <paramref name="lastLine"/>. Should the import never finish, the line keeps saying so.
    /// </summary>
    public void Storing(ImportRecord record, int lastLine)
    {
        record.Status = ImportStatus.Incomplete;
        record.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        record.Message = $"Stored up to line {Counts.Of(lastLine)} so far. " +
            "Should the import stop before its end, import the file again: that completes it (the hours stored already count as unchanged).";
    }

    /// <summary>
    /// The audit entry of a stored file, written in the transaction that records its outcome; null for the inbox, which is
    /// the exchange's drop and no person's change (its ledger line says where it came from).
    /// </summary>
    public AuditEntry? Audited(ImportRecord record, Caller caller) =>
        record.Source == ImportSource.Inbox ? null : AuditTrail.Entry(caller, clock.GetUtcNow().UtcDateTime,
            record.Kind == ImportKind.Prices ? AuditKinds.PricesImported : AuditKinds.TradesImported, $"#{record.Id} {record.FileName}", before: null,
            new ImportAudit(record.Id, record.FileName, record.Sha256, ImportStatusText.Of(record.Source), record.Series, ImportStatusText.Of(record.Status),
                record.Forced, record.Rows, record.Inserted, record.Kind == ImportKind.Prices ? record.Updated : null, record.Duplicates, record.Rejected));

    private sealed record ImportAudit(long ImportId, string FileName, string Sha256, string Source, string? Series, string Status, bool Forced,
        int Rows, int Inserted, int? Updated, int Duplicates, int Rejected);

    /// <summary>Logs a line once it is committed and tells every instance (pages, the missing-file check).</summary>
    public void Announce(ImportRecord record)
    {
        outage.Stored();
        Traced.Imported(record);
        logger.LogInformation("Import #{Id} of {Kind} {FileName} ({Source}, {User}): {Status}, {Rows} rows, {Inserted} inserted, {Updated} corrected, " +
            "{Duplicates} already stored, {Rejected} rejected. {Message}", record.Id, ImportStatusText.Of(record.Kind), record.FileName, record.Source,
            record.UserName, ImportStatusText.Of(record.Status), record.Rows, record.Inserted, record.Updated, record.Duplicates, record.Rejected, record.Message);
        notifier.Publish(ImportRecorded.Of(record));
    }

    /// <summary>The ledger, newest first: all imports for a Manager, a Trader's own otherwise.</summary>
    public async Task<IReadOnlyList<ImportRecord>> ListAsync(Caller caller, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Imports.AsNoTracking();
        if (!caller.SeesDesk) query = query.Where(i => i.UserName == caller.UserName);
        return await query.OrderByDescending(i => i.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The rows an import rejected, in file order; only its importer or a Manager may read them. Whether the caller may is
    /// decided before the rows are handed out, so a download can answer 403/404 before any of the file.
    /// </summary>
    public async Task<IAsyncEnumerable<ImportRejection>> RejectionsAsync(Caller caller, long importId, CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var import = await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, cancellationToken)
                ?? throw new NotFoundException($"Import #{importId} does not exist.");
            if (!caller.MayOpenRecordOf(import.UserName))
                throw new ForbiddenException($"Import #{importId} is not yours.");
        }
        return StreamRejections(importId, cancellationToken);
    }

    private async IAsyncEnumerable<ImportRejection> StreamRejections(long importId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var rejection in db.ImportRejections.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.Line).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return rejection;
    }
}
