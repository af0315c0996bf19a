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
    private static readonly (string Column, Func<DbConnection, ImportRecord, object?> Value)[] Line =
    [
        (L.Source, (_, r) => r.Source.ToString()), (L.Kind, (_, r) => r.Kind.ToString()), (L.FileName, (_, r) => r.FileName), (L.Series, (_, r) => r.Series),
        (L.Sha256, (_, r) => r.Sha256), (L.SizeBytes, (_, r) => r.SizeBytes), (L.UserName, (_, r) => r.UserName),
        (L.StartedUtc, (c, r) => StoredInstant.Of(c, r.StartedUtc)), (L.FinishedUtc, (c, r) => StoredInstant.Of(c, r.FinishedUtc)),
        (L.Rows, (_, r) => r.Rows), (L.Inserted, (_, r) => r.Inserted), (L.Duplicates, (_, r) => r.Duplicates), (L.Updated, (_, r) => r.Updated),
        (L.Rejected, (_, r) => r.Rejected), (L.Status, (_, r) => r.Status.ToString()), (L.Forced, (_, r) => r.Forced), (L.Message, (_, r) => r.Message),
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
        foreach (var (column, value) in Line) Parameter(command, "@" + column).Value = value(connection, record) ?? DBNull.Value;
        Parameter(command, "@" + L.Id).Value = record.Id;
        return command;
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
