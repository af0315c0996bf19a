using System.Data.Common;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Import;

/// <summary>
/// The import ledger: one line per file with how it went, and the rows each import rejected. A line on its own goes
/// through EF; a line in a trade import's transaction is written with plain SQL on the bulk writer's connection (see
/// <see cref="AddAsync(ImportRecord, DbTransaction, CancellationToken)"/>), its values in the forms the EF mapping stores.
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

    /// <summary>
    /// Writes a ledger line in an import's transaction and sets its id; <see cref="UpdateAsync"/> records the outcome before
    /// the commit. Plain SQL: through an EF context on the writer's connection these two statements cost a command-line
    /// import ~0.2 s of JIT-compiling EF's update pipeline (measured), on the path the import speed target is timed on.
    /// </summary>
    public async Task AddAsync(ImportRecord record, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var insert = LineCommand(transaction, record, InsertLine);
        record.Id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken));
    }

    public async Task UpdateAsync(ImportRecord record, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var update = LineCommand(transaction, record, UpdateLine);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static readonly string[] LineColumns =
        ["source", "kind", "file_name", "sha256", "size_bytes", "user_name", "started_utc", "finished_utc", "rows", "inserted", "duplicates", "updated", "rejected", "status", "forced", "message"];
    private static readonly string InsertLine =
        $"INSERT INTO imports ({string.Join(", ", LineColumns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", LineColumns.Select(c => "@" + c))}) RETURNING id";
    private static readonly string UpdateLine = $"UPDATE imports SET {string.Join(", ", LineColumns.Select(c => $"\"{c}\" = @{c}"))} WHERE id = @id";

    /// <summary>A statement over every column of the line, with the values as the EF mapping stores them (enums by name, instants by <see cref="StoredInstant"/>).</summary>
    private static DbCommand LineCommand(DbTransaction transaction, ImportRecord record, string sql)
    {
        var connection = transaction.Connection!;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        object?[] values =
        [
            record.Source.ToString(), record.Kind.ToString(), record.FileName, record.Sha256, record.SizeBytes, record.UserName,
            StoredInstant.Of(connection, record.StartedUtc), StoredInstant.Of(connection, record.FinishedUtc), record.Rows, record.Inserted,
            record.Duplicates, record.Updated, record.Rejected, record.Status.ToString(), record.Forced, record.Message,
        ];
        foreach (var (column, value) in LineColumns.Zip(values)) Add(column, value);
        Add("id", record.Id);
        return command;

        void Add(string name, object? value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
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
}
