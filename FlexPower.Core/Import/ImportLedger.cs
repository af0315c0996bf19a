using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Import;

/// <summary>An earlier successful import of the same content.</summary>
public sealed record PreviousImport(long Id, string FileName, string FinishedUtc);

/// <summary>
/// The import ledger: one line per file with how it went, and the rows each import rejected. Lines are written in
/// the columns' EF formats (enums as names, UTC DateTime as text) so the pages read them through EF.
/// </summary>
public sealed class ImportLedger(FlexPowerDatabase database, IDbContextFactory<FlexPowerDbContext> dbFactory)
{
    public async Task<PreviousImport?> FindImportedAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, file_name, finished_utc FROM imports WHERE sha256 = @sha AND status = 'Imported' ORDER BY id LIMIT 1";
        command.Parameters.AddWithValue("@sha", sha256);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new PreviousImport(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)[..16]) : null;
    }

    /// <summary>Writes a ledger line on its own (a file that failed or was imported before) and sets its id.</summary>
    public async Task AddAsync(ImportRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        record.Id = await InsertAsync(command, record, cancellationToken);
    }

    /// <summary>Writes a ledger line in an import's transaction and sets its id; <see cref="UpdateAsync"/> records the outcome before the commit.</summary>
    public async Task AddAsync(ImportRecord record, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        record.Id = await InsertAsync(command, record, cancellationToken);
    }

    public async Task UpdateAsync(ImportRecord record, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE imports SET finished_utc = @finished, rows = @rows, inserted = @inserted, duplicates = @duplicates,
                rejected = @rejected, status = @status, message = @message
            WHERE id = @id
            """;
        Add(command, "@id", record.Id);
        BindOutcome(command, record);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records an import's rejected rows in its transaction.</summary>
    public LedgerRejections OpenRejections(DbTransaction transaction, long importId) => new(transaction, importId);

    /// <summary>The ledger, newest first: all imports for a Manager, a Trader's own otherwise.</summary>
    public async Task<IReadOnlyList<ImportRecord>> ListAsync(Caller caller, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Imports.AsNoTracking();
        if (!caller.IsManager) query = query.Where(i => i.UserName == caller.UserName);
        return await query.OrderByDescending(i => i.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
    }

    /// <summary>The rows an import rejected, in file order; only its importer or a Manager may read them.</summary>
    public async IAsyncEnumerable<ImportRejection> RejectionsAsync(Caller caller, long importId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var import = await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, cancellationToken)
            ?? throw new NotFoundException($"Import #{importId} does not exist.");
        if (!caller.IsManager && import.UserName != caller.UserName)
            throw new ForbiddenException($"Import #{importId} is not yours.");
        await foreach (var rejection in db.ImportRejections.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.Line).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return rejection;
    }

    private static async Task<long> InsertAsync(DbCommand command, ImportRecord record, CancellationToken cancellationToken)
    {
        command.CommandText = """
            INSERT INTO imports (source, file_name, sha256, size_bytes, user_name, started_utc, finished_utc, rows, inserted, duplicates, rejected, status, forced, message)
            VALUES (@source, @file, @sha, @size, @user, @started, @finished, @rows, @inserted, @duplicates, @rejected, @status, @forced, @message)
            RETURNING id
            """;
        Add(command, "@source", record.Source.ToString());
        Add(command, "@file", record.FileName);
        Add(command, "@sha", record.Sha256);
        Add(command, "@size", record.SizeBytes);
        Add(command, "@user", record.UserName);
        Add(command, "@started", Utc(record.StartedUtc));
        Add(command, "@forced", record.Forced);
        BindOutcome(command, record);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The columns an import's outcome sets.</summary>
    private static void BindOutcome(DbCommand command, ImportRecord r)
    {
        Add(command, "@finished", Utc(r.FinishedUtc));
        Add(command, "@rows", r.Rows);
        Add(command, "@inserted", r.Inserted);
        Add(command, "@duplicates", r.Duplicates);
        Add(command, "@rejected", r.Rejected);
        Add(command, "@status", r.Status.ToString());
        Add(command, "@message", (object?)r.Message ?? DBNull.Value);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = (name, value);
        command.Parameters.Add(parameter);
    }

    private static string Utc(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
