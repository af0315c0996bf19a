using System.Data.Common;
using System.Text;
using FlexPower.Core.Import;
using L = FlexPower.Core.Data.Configurations.ImportRecordConfiguration;
using R = FlexPower.Core.Data.Configurations.ImportRejectionConfiguration;

namespace FlexPower.Core.Data.Stores;

/// <summary>
/// The import ledger's writes inside an import's transaction, as plain SQL on the writer's connection (the trade writer's,
/// or the price store's): through an EF context there, the line's two statements cost a command-line import ~0.2 s of
/// JIT-compiling EF's update pipeline (measured), on the path the import speed target is timed on. Values take the forms the
/// EF mapping stores (enums by name, instants by <see cref="StoredInstant"/>). A line on its own goes through EF
/// (<see cref="ImportLedger"/>).
/// </summary>
internal static class LedgerStore
{
    private static readonly (string Column, Func<DbConnection, ImportRecord, object?> Value, Action<ImportRecord, DbDataReader, int> Read)[] Line =
    [
        (L.Source, (_, r) => r.Source.ToString(), (r, d, i) => r.Source = Enum.Parse<ImportSource>(d.GetString(i))),
        (L.Kind, (_, r) => r.Kind.ToString(), (r, d, i) => r.Kind = Enum.Parse<ImportKind>(d.GetString(i))),
        (L.FileName, (_, r) => r.FileName, (r, d, i) => r.FileName = d.GetString(i)),
        (L.Series, (_, r) => r.Series, (r, d, i) => r.Series = d.IsDBNull(i) ? null : d.GetString(i)),
        (L.Sha256, (_, r) => r.Sha256, (r, d, i) => r.Sha256 = d.GetString(i)),
        (L.SizeBytes, (_, r) => r.SizeBytes, (r, d, i) => r.SizeBytes = d.GetInt64(i)),
        (L.UserName, (_, r) => r.UserName, (r, d, i) => r.UserName = d.GetString(i)),
        (L.StartedUtc, (c, r) => StoredInstant.Of(c, r.StartedUtc), (r, d, i) => r.StartedUtc = StoredInstant.Read(d, i)),
        (L.FinishedUtc, (c, r) => StoredInstant.Of(c, r.FinishedUtc), (r, d, i) => r.FinishedUtc = StoredInstant.Read(d, i)),
        (L.Rows, (_, r) => r.Rows, (r, d, i) => r.Rows = d.GetInt32(i)),
        (L.Inserted, (_, r) => r.Inserted, (r, d, i) => r.Inserted = d.GetInt32(i)),
        (L.Duplicates, (_, r) => r.Duplicates, (r, d, i) => r.Duplicates = d.GetInt32(i)),
        (L.Updated, (_, r) => r.Updated, (r, d, i) => r.Updated = d.GetInt32(i)),
        (L.Rejected, (_, r) => r.Rejected, (r, d, i) => r.Rejected = d.GetInt32(i)),
        (L.Status, (_, r) => r.Status.ToString(), (r, d, i) => r.Status = Enum.Parse<ImportStatus>(d.GetString(i))),
        (L.Forced, (_, r) => r.Forced, (r, d, i) => r.Forced = d.GetBoolean(i)),
        (L.Message, (_, r) => r.Message, (r, d, i) => r.Message = d.IsDBNull(i) ? null : d.GetString(i)),
    ];

    private static readonly string InsertLine =
        $"INSERT INTO {L.Table} ({string.Join(", ", Line.Select(c => $"\"{c.Column}\""))}) VALUES ({string.Join(", ", Line.Select(c => "@" + c.Column))}) RETURNING {L.Id}";

    private static readonly string UpdateLine = $"UPDATE {L.Table} SET {string.Join(", ", Line.Select(c => $"\"{c.Column}\" = @{c.Column}"))} WHERE {L.Id} = @{L.Id}";

    /// <summary>Writes the line in the transaction and sets its id; <see cref="UpdateAsync"/> records the outcome before the commit.</summary>
    public static async Task AddAsync(DbTransaction transaction, ImportRecord record, CancellationToken cancellationToken)
    {
        await using var insert = LineCommand(transaction, record, InsertLine);
        record.Id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken));
    }

    public static async Task UpdateAsync(DbTransaction transaction, ImportRecord record, CancellationToken cancellationToken)
    {
        await using var update = LineCommand(transaction, record, UpdateLine);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand LineCommand(DbTransaction transaction, ImportRecord record, string sql)
    {
        var connection = transaction.Connection!;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (column, value, _) in Line) Parameter(command, "@" + column).Value = value(connection, record) ?? DBNull.Value;
        Parameter(command, "@" + L.Id).Value = record.Id;
        return command;
    }

    /// <summary>
    /// The first successful import of the same content as the same kind of file and, for prices, into the same series; as
    /// plain SQL, because it is the first statement of a command-line import, which on PostgreSQL cannot start storing before
    /// it is answered (through EF it took ~0.5 s of compiling, measured).
    /// </summary>
    public static async Task<ImportRecord?> FindImportedAsync(DbConnection connection, string sha256, ImportKind kind, string? series, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {L.Id}, {string.Join(", ", Line.Select(c => $"\"{c.Column}\""))} FROM {L.Table}
            WHERE {L.Sha256} = @sha256 AND {L.Kind} = @kind AND {L.Status} = @status AND {(series is null ? $"{L.Series} IS NULL" : $"{L.Series} = @series")}
            ORDER BY {L.Id} LIMIT 1
            """;
        (Parameter(command, "@sha256").Value, Parameter(command, "@kind").Value, Parameter(command, "@status").Value) = (sha256, kind.ToString(), ImportStatus.Imported.ToString());
        if (series is not null) Parameter(command, "@series").Value = series;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var record = new ImportRecord { Id = reader.GetInt64(0), FileName = "", Sha256 = "", UserName = "" };
        for (var i = 0; i < Line.Length; i++) Line[i].Read(record, reader, i + 1);
        return record;
    }

    /// <summary>Records an import's rejected rows in its transaction.</summary>
    public static Rejections OpenRejections(DbTransaction transaction, long importId) => new(transaction, importId);

    /// <summary>
    /// Writes an import's rejected rows to the ledger, in its transaction, as they are found — however many there are —
    /// and keeps the first <see cref="ImportService.MaxRejectionsReturned"/> for the import's result.
    /// </summary>
    public sealed class Rejections : IDisposable
    {
        private readonly DbCommand insert;
        private readonly DbParameter line, raw, reason;
        private readonly List<RejectedRow> first = [];

        internal Rejections(DbTransaction transaction, long importId)
        {
            insert = transaction.Connection!.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {R.Table} ({R.ImportId}, {R.Line}, {R.Raw}, {R.Reason}) VALUES (@import, @line, @raw, @reason)";
            Parameter(insert, "@import").Value = importId;
            (line, raw, reason) = (Parameter(insert, "@line"), Parameter(insert, "@raw"), Parameter(insert, "@reason"));
        }

        public int Count { get; private set; }

        /// <summary>The first rejected rows, in the order they were found.</summary>
        public IReadOnlyList<RejectedRow> First => first;

        public void Add(int lineNumber, ReadOnlySpan<byte> rawText, string why) => Add(lineNumber, Encoding.UTF8.GetString(rawText), why);

        public void Add(int lineNumber, string rawText, string why)
        {
            var kept = ImportRejection.Kept(rawText);
            (line.Value, raw.Value, reason.Value) = (lineNumber, kept, why);
            insert.ExecuteNonQuery();
            if (++Count <= ImportService.MaxRejectionsReturned) first.Add(new RejectedRow(lineNumber, why, kept));
        }

        public void Dispose() => insert.Dispose();
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
