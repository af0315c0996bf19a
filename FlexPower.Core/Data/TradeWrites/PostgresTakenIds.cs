using FlexPower.Core.Trades;
using Npgsql;
using T = FlexPower.Core.Data.Configurations.TradeConfiguration;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// The lines of a batch whose trade cannot be stored because its id is taken: stored before, or used by an earlier row
/// of the batch. Found by sending the batch's ids to the server; once the other trades are stored, the stored trade
/// each of these lines met is read back in line order to report it.
/// </summary>
internal sealed class PostgresTakenIds(NpgsqlConnection connection, NpgsqlTransaction transaction, int[] lines)
{
    private const int PageSize = 5_000;

    public static PostgresTakenIds None(NpgsqlConnection connection, NpgsqlTransaction transaction) => new(connection, transaction, []);

    public int Count => lines.Length;

    public bool Contains(int line) => Array.BinarySearch(lines, line) >= 0;

    public static async Task<PostgresTakenIds> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CheckedRowSpool rows, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, "CREATE TEMP TABLE trade_ids (line integer NOT NULL, id text NOT NULL) ON COMMIT DROP", cancellationToken);
        await using (var copy = PostgresCopyWriter.Begin(connection, "trade_ids", "line, id"))
        {
            rows.Rewind();
            while (rows.Read(out var row))
            {
                if (row.Reason is not null) continue;
                copy.StartRow(2);
                copy.Int4(row.Line);
                copy.Text(row.Trade.Id);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await ExecuteAsync(connection, transaction, $"""
            CREATE TEMP TABLE trade_taken ON COMMIT DROP AS
            SELECT i.line, i.id, t.{T.Id} IS NOT NULL AS stored_before
            FROM (SELECT line, id, line > MIN(line) OVER (PARTITION BY id) AS repeated FROM trade_ids) i
            LEFT JOIN {T.Table} t ON t.{T.Id} = i.id
            WHERE i.repeated OR t.{T.Id} IS NOT NULL
            """, cancellationToken);
        var lines = new List<int>();
        await using (var select = new NpgsqlCommand("SELECT line FROM trade_taken ORDER BY line", connection, transaction) { CommandTimeout = 0 })
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) lines.Add(reader.GetInt32(0));
        return new PostgresTakenIds(connection, transaction, [.. lines]);
    }

    /// <summary>
    /// The stored trades the taken lines met, in line order. Read through a cursor a page at a time: reporting a row writes
    /// to the same connection (the ledger), which cannot happen while a result is still open. The cursor ends with the transaction.
    /// </summary>
    public async Task<Met> OpenMetAsync(CancellationToken cancellationToken)
    {
        if (Count > 0)
            await ExecuteAsync(connection, transaction, $"""
                DECLARE taken_met NO SCROLL CURSOR FOR
                SELECT k.line, NOT k.stored_before, {StoredTrade.ColumnsOf("t")}
                FROM trade_taken k JOIN {T.Table} t ON t.{T.Id} = k.id
                ORDER BY k.line
                """, cancellationToken);
        return new Met(connection, transaction, Count);
    }

    /// <summary>Pages of the stored trades met; <see cref="FetchAsync"/> whenever <see cref="NeedsPage"/>, then <see cref="Next"/> for each taken line.</summary>
    public sealed class Met(NpgsqlConnection connection, NpgsqlTransaction transaction, int count)
    {
        private readonly Queue<(int Line, bool StoredByThisBatch, Trade Stored)> page = new(PageSize);
        private int fetched;

        public bool NeedsPage => page.Count == 0 && fetched < count;

        public async Task FetchAsync(CancellationToken cancellationToken)
        {
            await using var fetch = new NpgsqlCommand($"FETCH {PageSize} FROM taken_met", connection, transaction) { CommandTimeout = 0 };
            await using var reader = await fetch.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var columns = new Row(reader, first: 2);
                page.Enqueue((reader.GetInt32(0), reader.GetBoolean(1), StoredTrade.Read(ref columns, 0, default).ToTrade()));
                fetched++;
            }
            if (page.Count == 0) throw new InvalidOperationException($"The stored trades of {count - fetched} taken ids were not found.");
        }

        /// <summary>The stored trade the taken <paramref name="line"/> met, and whether this batch stored it (an earlier row with the same id).</summary>
        public (Trade Stored, bool StoredByThisBatch) Next(int line)
        {
            var (metLine, ours, stored) = page.Dequeue();
            if (metLine != line) throw new InvalidOperationException($"Taken line {metLine} came back where line {line} was expected.");
            return (stored, ours);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A result row's columns from <paramref name="first"/> on.</summary>
    private ref struct Row(NpgsqlDataReader reader, int first) : IColumnReader
    {
        private int next = first;

        public ReadOnlySpan<byte> Text() => System.Text.Encoding.UTF8.GetBytes(reader.GetString(next++));

        public ReadOnlySpan<byte> OptionalText()
        {
            if (!reader.IsDBNull(next)) return Text();
            next++;
            return default;
        }
        public int Int() => reader.GetInt32(next++);
        public long Long() => reader.GetInt64(next++);
        public DateOnly Day() => reader.GetFieldValue<DateOnly>(next++);
        public DateTime Instant() => reader.GetFieldValue<DateTime>(next++);
    }
}
