using System.Data.Common;
using System.Text;
using FlexPower.Core.Accounts;
using FlexPower.Core.Trades;
using Npgsql;
using NpgsqlTypes;

namespace FlexPower.Core.Data.Postgres;

/// <summary>
/// Stores checked trades in PostgreSQL set-wise: they stream by binary COPY into a temporary staging table (a file's
/// rejected rows too, so nothing else needs the connection while the COPY runs), then one statement inserts them (first
/// occurrence of an id wins, ids already stored are skipped) and upserts the hourly and daily aggregates of exactly the
/// inserted rows. Only the rows not inserted are then read back, in line order, to report rejections, repeats,
/// duplicates and conflicts. All in the caller's one transaction.
/// </summary>
public sealed class PostgresTradeWriter(NpgsqlDataSource dataSource) : ITradeWriter
{
    // Rejected rows show their text; a longer line is cut like the ledger cuts it, so staging stays small.
    private const int MaxRawBytes = 2_000;

    public async Task<ITradeWrite> BeginAsync(TradeBatch batch, RowOutcomes outcomes, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var create = new NpgsqlCommand("""
                CREATE TEMP TABLE trade_staging (line integer NOT NULL, raw bytea NOT NULL, reason text, id text, trader_id text,
                    delivery_day date, delivery_hour integer, direction text, price bigint, quantity integer, execution_time_utc timestamptz) ON COMMIT DROP
                """, connection, transaction))
                await create.ExecuteNonQueryAsync(cancellationToken);
            return new Write(connection, transaction, batch, outcomes);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Write(NpgsqlConnection connection, NpgsqlTransaction transaction, TradeBatch batch, RowOutcomes outcomes) : ITradeWrite
    {
        private readonly List<int> lines = [];
        private readonly Dictionary<int, Caller> callers = [];
        private NpgsqlBinaryImporter? copy;
        private Caller? firstCaller;
        private int rejectedRows;

        public DbTransaction Transaction => transaction;

        public void Reject(int line, ReadOnlySpan<byte> raw, string reason)
        {
            Copy().StartRow();
            copy!.Write(line, NpgsqlDbType.Integer);
            copy.Write(raw[..Math.Min(raw.Length, MaxRawBytes)].ToArray(), NpgsqlDbType.Bytea);
            copy.Write(reason, NpgsqlDbType.Text);
            for (var column = 0; column < 8; column++) copy.WriteNull();
            rejectedRows++;
        }

        public void Store(in CheckedTrade trade, Caller caller)
        {
            Copy().StartRow();
            copy!.Write(trade.Line, NpgsqlDbType.Integer);
            copy.Write(trade.Raw[..Math.Min(trade.Raw.Length, MaxRawBytes)].ToArray(), NpgsqlDbType.Bytea);
            copy.WriteNull();
            copy.Write(Encoding.UTF8.GetString(trade.Id), NpgsqlDbType.Text);
            copy.Write(Encoding.UTF8.GetString(trade.TraderId), NpgsqlDbType.Text);
            copy.Write(trade.DeliveryDay, NpgsqlDbType.Date);
            copy.Write(trade.DeliveryHour, NpgsqlDbType.Integer);
            copy.Write(StoredText.Direction(trade.Direction), NpgsqlDbType.Text);
            copy.Write(trade.Price, NpgsqlDbType.Bigint);
            copy.Write(trade.Quantity, NpgsqlDbType.Integer);
            copy.Write(DateTime.SpecifyKind(trade.ExecutionTimeUtc, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            lines.Add(trade.Line);
            // A file has one caller; a group of requests may have many: remember only those that differ from the first.
            firstCaller ??= caller;
            if (caller != firstCaller) callers[trade.Line] = caller;
        }

        /// <summary>The COPY starts with the first row, so the caller may use the connection (the ledger line) before that.</summary>
        private NpgsqlBinaryImporter Copy() => copy ??= connection.BeginBinaryImport(
            "COPY trade_staging (line, raw, reason, id, trader_id, delivery_day, delivery_hour, direction, price, quantity, execution_time_utc) FROM STDIN (FORMAT BINARY)");

        public async Task<StoredTrades> CompleteAsync(CancellationToken cancellationToken)
        {
            if (copy is not null)
            {
                await copy.CompleteAsync(cancellationToken);
                await copy.DisposeAsync();
            }
            var (inserted, traders, days) = await InsertAsync(cancellationToken);
            var duplicates = 0;
            var notInserted = inserted < lines.Count || rejectedRows > 0 ? await ClassifyAsync(everyStagedRow: inserted < lines.Count, cancellationToken) : [];
            foreach (var (_, duplicate) in notInserted) if (duplicate) duplicates++;
            if (outcomes.WantsInserted)
                foreach (var line in lines)
                    if (!notInserted.ContainsKey(line)) outcomes.Inserted(line);
            return new StoredTrades(inserted, duplicates, new TradesChanged(traders, days));
        }

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        /// <summary>Inserts the staged trades and adds exactly the inserted ones to the aggregates; returns how many and where.</summary>
        private async Task<(int Inserted, HashSet<string> Traders, HashSet<DateOnly> Days)> InsertAsync(CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand($"""
                WITH inserted AS (
                    INSERT INTO trades (id, trader_id, delivery_day, delivery_hour, direction, price, quantity, execution_time_utc)
                    SELECT id, trader_id, delivery_day, delivery_hour, direction, price, quantity, execution_time_utc FROM trade_staging WHERE reason IS NULL ORDER BY line
                    ON CONFLICT (id) DO NOTHING
                    RETURNING trader_id, delivery_day, delivery_hour, direction, price, quantity),
                hours AS (
                    INSERT INTO trade_hours AS h (trader_id, delivery_day, delivery_hour, trade_count, buy_mw, sell_mw, buy_cents, sell_cents)
                    SELECT trader_id, delivery_day, delivery_hour, COUNT(*), {Sums} FROM inserted GROUP BY trader_id, delivery_day, delivery_hour
                    ON CONFLICT (trader_id, delivery_day, delivery_hour) DO UPDATE SET {Accumulate("h")}),
                days AS (
                    INSERT INTO trade_days AS d (trader_id, delivery_day, trade_count, buy_mw, sell_mw, buy_cents, sell_cents)
                    SELECT trader_id, delivery_day, COUNT(*), {Sums} FROM inserted GROUP BY trader_id, delivery_day
                    ON CONFLICT (trader_id, delivery_day) DO UPDATE SET {Accumulate("d")})
                SELECT trader_id, delivery_day, COUNT(*) FROM inserted GROUP BY trader_id, delivery_day
                """, connection, transaction);
            command.CommandTimeout = 0;
            var (count, traders, days) = (0, new HashSet<string>(StringComparer.Ordinal), new HashSet<DateOnly>());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                traders.Add(reader.GetString(0));
                days.Add(reader.GetFieldValue<DateOnly>(1));
                count += (int)reader.GetInt64(2);
            }
            return (count, traders, days);
        }

        /// <summary>
        /// The staged rows that were not inserted, in line order: rows rejected while reading, and (when some trades were not
        /// inserted) ids appearing earlier in the batch or stored before. Reports each to the outcomes; returns line → whether
        /// it was the same trade again (a duplicate).
        /// </summary>
        private async Task<Dictionary<int, bool>> ClassifyAsync(bool everyStagedRow, CancellationToken cancellationToken)
        {
            // Read through a cursor a page at a time: reporting a row writes to the same connection (the ledger), which
            // cannot happen while a result is still open, and a broken file may leave a million rows to report.
            await ExecuteAsync($"""
                DECLARE leftover NO SCROLL CURSOR FOR
                SELECT s.line, s.raw, s.reason, s.id, s.trader_id, s.delivery_day, s.delivery_hour, s.direction, s.price, s.quantity, s.execution_time_utc,
                       t.trader_id, t.delivery_day, t.delivery_hour, t.direction, t.price, t.quantity, t.execution_time_utc,
                       t.xmin = pg_current_xact_id()::xid AS ours, s.line = MIN(s.line) OVER (PARTITION BY s.id) AS first
                FROM trade_staging s LEFT JOIN trades t ON t.id = s.id
                {(everyStagedRow ? "" : "WHERE s.reason IS NOT NULL")}
                ORDER BY s.line
                """, cancellationToken);
            var result = new Dictionary<int, bool>();
            var page = new List<Leftover>(PageSize);
            do
            {
                page.Clear();
                await using (var fetch = new NpgsqlCommand($"FETCH {PageSize} FROM leftover", connection, transaction))
                await using (var reader = await fetch.ExecuteReaderAsync(cancellationToken))
                    while (await reader.ReadAsync(cancellationToken)) page.Add(Leftover.Read(reader));
                foreach (var row in page) Report(row, result);
            }
            while (page.Count == PageSize);
            await ExecuteAsync("CLOSE leftover", cancellationToken);
            return result;
        }

        private const int PageSize = 5_000;

        private void Report(Leftover row, Dictionary<int, bool> result)
        {
            if (row.Reason is { } reason)
            {
                outcomes.Rejected(row.Line, row.Raw, reason);
                result[row.Line] = false;
            }
            else if (row is { Ours: true, First: true } || row.Stored is null) { } // the row that inserted its id
            else if (row.Ours && batch == TradeBatch.File)
            {
                outcomes.Rejected(row.Line, row.Raw, $"id '{row.Incoming!.Id}' appears earlier in this file");
                result[row.Line] = false;
            }
            else if (TradeConflict.Describe(callers.GetValueOrDefault(row.Line, firstCaller!), row.Stored, row.Incoming!) is { } conflict)
            {
                outcomes.Rejected(row.Line, row.Raw, conflict);
                result[row.Line] = false;
            }
            else
            {
                outcomes.Duplicate(row.Line);
                result[row.Line] = true;
            }
        }

        private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>A staged row that was not inserted: rejected while reading (Reason), or an incoming trade and the stored one it met.</summary>
        private sealed record Leftover(int Line, byte[] Raw, string? Reason, Trade? Incoming, Trade? Stored, bool Ours, bool First)
        {
            public static Leftover Read(NpgsqlDataReader reader)
            {
                var reason = reader.IsDBNull(2) ? null : reader.GetString(2);
                var incoming = reason is null ? ReadTrade(reader, reader.GetString(3), first: 4) : null;
                var stored = incoming is null || reader.IsDBNull(11) ? null : ReadTrade(reader, incoming.Id, first: 11);
                return new Leftover(reader.GetInt32(0), (byte[])reader[1], reason, incoming, stored,
                    !reader.IsDBNull(18) && reader.GetBoolean(18), !reader.IsDBNull(19) && reader.GetBoolean(19));
            }
        }

        private static Trade ReadTrade(NpgsqlDataReader reader, string id, int first) => new()
        {
            Id = id,
            TraderId = reader.GetString(first),
            DeliveryDay = reader.GetFieldValue<DateOnly>(first + 1),
            DeliveryHour = reader.GetInt32(first + 2),
            Direction = StoredText.ParseDirection(reader.GetString(first + 3)),
            Price = reader.GetInt64(first + 4),
            Quantity = reader.GetInt32(first + 5),
            ExecutionTimeUtc = reader.GetFieldValue<DateTime>(first + 6),
        };

        public async ValueTask DisposeAsync()
        {
            if (copy is not null) await copy.DisposeAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }

        private static readonly string Sums = $"""
            SUM(CASE WHEN direction = '{StoredText.Buy}' THEN quantity ELSE 0 END), SUM(CASE WHEN direction = '{StoredText.Sell}' THEN quantity ELSE 0 END),
            SUM(CASE WHEN direction = '{StoredText.Buy}' THEN quantity::bigint * price ELSE 0 END), SUM(CASE WHEN direction = '{StoredText.Sell}' THEN quantity::bigint * price ELSE 0 END)
            """;

        private static string Accumulate(string table) =>
            $"trade_count = {table}.trade_count + excluded.trade_count, buy_mw = {table}.buy_mw + excluded.buy_mw, sell_mw = {table}.sell_mw + excluded.sell_mw, " +
            $"buy_cents = {table}.buy_cents + excluded.buy_cents, sell_cents = {table}.sell_cents + excluded.sell_cents";
    }
}
