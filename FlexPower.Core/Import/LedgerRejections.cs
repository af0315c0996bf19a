using System.Data.Common;
using System.Text;
using FlexPower.Core.Common;

namespace FlexPower.Core.Import;

/// <summary>
/// Writes an import's rejected rows to the ledger, in its transaction, as they are found — however many there are —
/// and keeps the first <see cref="ImportService.MaxRejectionsReturned"/> for the import's result.
/// </summary>
public sealed class LedgerRejections : IDisposable
{
    private const int MaxRawLength = 2_000;

    private readonly DbCommand insert;
    private readonly DbParameter line, raw, reason;
    private readonly List<RejectedRow> first = [];

    internal LedgerRejections(DbTransaction transaction, long importId)
    {
        insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO import_rejections (import_id, line, raw, reason) VALUES (@import, @line, @raw, @reason)";
        Parameter("@import").Value = importId;
        (line, raw, reason) = (Parameter("@line"), Parameter("@raw"), Parameter("@reason"));

        DbParameter Parameter(string name)
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = name;
            insert.Parameters.Add(parameter);
            return parameter;
        }
    }

    public int Count { get; private set; }

    /// <summary>The first rejected rows, in the order they were found.</summary>
    public IReadOnlyList<RejectedRow> First => first;

    public void Add(int lineNumber, ReadOnlySpan<byte> rawText, string why)
    {
        (line.Value, raw.Value, reason.Value) = (lineNumber, StoredRaw(Encoding.UTF8.GetString(rawText)), why);
        insert.ExecuteNonQuery();
        if (++Count <= ImportService.MaxRejectionsReturned) first.Add(new RejectedRow(lineNumber, why));
    }

    /// <summary>A rejected line as the ledger keeps it: printable, and cut after <see cref="MaxRawLength"/> characters.</summary>
    internal static string StoredRaw(string rawText)
    {
        var text = Echo.Printable(rawText);
        return text.Length <= MaxRawLength ? text : text[..MaxRawLength] + "…";
    }

    public void Dispose() => insert.Dispose();
}
