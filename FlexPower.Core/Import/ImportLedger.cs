using System.Data.Common;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Import;

/// <summary>
/// The import ledger: one line per file with how it went, and the rows each import rejected. Lines go through EF (so
/// every column has the provider's own format), inside the import's transaction when there is one.
/// </summary>
public sealed class ImportLedger(IDbContextFactory<FlexPowerDbContext> dbFactory)
{
    /// <summary>An earlier successful import of the same content as the same kind of file (trades or prices), if any.</summary>
    public async Task<ImportRecord?> FindImportedAsync(string sha256, ImportKind kind, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Imports.AsNoTracking().Where(i => i.Sha256 == sha256 && i.Kind == kind && i.Status == ImportStatus.Imported)
            .OrderBy(i => i.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Writes a ledger line on its own (a file that failed or was imported before) and sets its id.</summary>
    public async Task AddAsync(ImportRecord record, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Imports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Writes a ledger line in an import's transaction and sets its id; <see cref="UpdateAsync"/> records the outcome before the commit.</summary>
    public async Task AddAsync(ImportRecord record, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var db = await InTransactionAsync(transaction, cancellationToken);
        db.Imports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task UpdateAsync(ImportRecord record, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var db = await InTransactionAsync(transaction, cancellationToken);
        db.Imports.Update(record);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records an import's rejected rows in its transaction.</summary>
    public LedgerRejections OpenRejections(DbTransaction transaction, long importId) => new(transaction, importId);

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

    private async IAsyncEnumerable<ImportRejection> StreamRejections(long importId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var rejection in db.ImportRejections.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.Line).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return rejection;
    }

    /// <summary>A context on the bulk writer's own connection and transaction, so the ledger commits or rolls back with the trades.</summary>
    private async Task<FlexPowerDbContext> InTransactionAsync(DbTransaction transaction, CancellationToken cancellationToken)
    {
        var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Database.SetDbConnection(transaction.Connection!, contextOwnsConnection: false);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return db;
    }
}
