using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using FlexPower.Core.Trades;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Import;

/// <summary>
/// Imports an exchange trade file, for every entry point (page, API, inbox, command line). The file is streamed
/// twice — once for its SHA-256, once row by row — and all of its effects (trades, ledger line, rejected rows)
/// commit in one transaction, so a crash leaves the database as it was and the same content is never imported twice.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<FlexPowerDbContext> dbFactory,
    TradeNotifier notifier,
    TimeProvider clock,
    ILogger<ImportService> logger)
{
    public const int MaxRejectionsReturned = 1_000;
    private const int MaxRawLength = 2_000;

    /// <summary>Raised after an import commits (the missing-file monitor listens).</summary>
    public event Action<ImportRecord>? Imported;

    /// <summary>Spools a stream (upload, request body) to a temporary file, then imports that file.</summary>
    public async Task<ImportResult> ImportAsync(Stream content, ImportRequest request, IProgress<long>? uploaded = null,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var spool = Path.Combine(Path.GetTempPath(), $"flexpower-import-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    uploaded?.Report(total += read);
                }
            }
            return await ImportFileAsync(spool, request, progress, cancellationToken);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    public async Task<ImportResult> ImportFileAsync(string path, ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var size = new FileInfo(path).Length;
        string sha256;
        await using (var hashing = File.OpenRead(path))
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashing, cancellationToken));

        var record = new ImportRecord
        {
            Source = request.Source, FileName = request.FileName, Sha256 = sha256, SizeBytes = size,
            UserName = request.Caller.UserName, StartedUtc = started, Forced = request.Force,
        };

        if (!request.Force && await PreviousImportAsync(sha256, cancellationToken) is { } previous)
        {
            record.Status = ImportStatus.AlreadyImported;
            record.Message = $"Same content (SHA-256) as import #{previous.Id} '{previous.FileName}' of {previous.FinishedUtc:yyyy-MM-dd HH:mm} UTC; nothing imported. Use force to re-run it.";
            return await RecordAsync(record, [], cancellationToken);
        }

        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var csv = new CsvRecordReader(reader);
        var columns = ReadHeader(csv, out var headerProblem);
        if (columns is null)
        {
            record.Status = ImportStatus.Failed;
            record.Message = headerProblem;
            var failed = await RecordAsync(record, [], cancellationToken);
            throw new ImportFailedException(headerProblem!, failed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var writer = new TradeWriter(connection, transaction);
        var rejections = new List<ImportRejection>();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var changedTraders = new HashSet<string>();
        var changedDays = new HashSet<DateOnly>();

        while (csv.Read() is { } row)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (++record.Rows % 10_000 == 0) progress?.Report(new ImportProgress(record.Rows, reader.BaseStream.Position, size));
            var reason = ImportRow(row, columns, request.Caller, seenIds, writer, out var inserted);
            if (reason is not null)
            {
                rejections.Add(new ImportRejection { Line = row.Line, Raw = Truncate(row.Raw), Reason = reason });
                continue;
            }
            if (inserted is null) { record.Duplicates++; continue; }
            record.Inserted++;
            changedTraders.Add(inserted.TraderId);
            changedDays.Add(inserted.DeliveryDay);
        }
        progress?.Report(new ImportProgress(record.Rows, size, size));

        record.Status = ImportStatus.Imported;
        record.Rejected = rejections.Count;
        record.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        db.Imports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var rejection in rejections) rejection.ImportId = record.Id;
        await writer.InsertRejectionsAsync(rejections, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Import #{Id} {FileName} ({Source}, {User}): {Rows} rows, {Inserted} inserted, {Duplicates} duplicates, {Rejected} rejected",
            record.Id, record.FileName, record.Source, record.UserName, record.Rows, record.Inserted, record.Duplicates, record.Rejected);
        if (record.Inserted > 0) notifier.Publish(new TradesChanged(changedTraders, changedDays));
        Imported?.Invoke(record);
        return ToResult(record, rejections);
    }

    /// <summary>The ledger, newest first: all imports for a Manager, a Trader's own otherwise.</summary>
    public async Task<IReadOnlyList<ImportRecord>> ListAsync(Caller caller, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Imports.AsNoTracking();
        if (!caller.IsManager) query = query.Where(i => i.UserName == caller.UserName);
        return await query.OrderByDescending(i => i.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken);
    }

    /// <summary>The rows an import rejected, in file order; only its importer or a Manager may read them.</summary>
    public async IAsyncEnumerable<ImportRejection> RejectionsAsync(Caller caller, long importId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var import = await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == importId, cancellationToken)
            ?? throw new Common.NotFoundException($"Import #{importId} does not exist.");
        if (!caller.IsManager && import.UserName != caller.UserName)
            throw new Common.ForbiddenException($"Import #{importId} is not yours.");
        await foreach (var rejection in db.ImportRejections.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.Line).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return rejection;
    }

    /// <summary>Checks one row; returns why it is rejected, or null with the stored trade (null when it was a duplicate).</summary>
    private static string? ImportRow(CsvRecord row, int[] columns, Caller caller, HashSet<string> seenIds, TradeWriter writer, out Trade? inserted)
    {
        inserted = null;
        if (row.Error is not null) return row.Error;
        if (row.Fields.Count != TradeCsv.Columns.Count)
            return $"expected {TradeCsv.Columns.Count} columns like the header, got {row.Fields.Count}";
        var f = row.Fields;
        var raw = new RawTrade(f[columns[0]], f[columns[1]], f[columns[2]], f[columns[3]], f[columns[4]], f[columns[5]], f[columns[6]], f[columns[7]]);
        var (trade, errors) = TradeRules.Validate(raw);
        if (trade is null) return string.Join(" ", errors);
        if (!caller.IsManager && trade.TraderId != caller.TraderId)
            return $"trader_id '{trade.TraderId}' is not yours: a Trader may import only rows of trader_id '{caller.TraderId}'";
        if (!seenIds.Add(trade.Id)) return $"id '{trade.Id}' appears earlier in this file";

        if (writer.TryInsert(trade)) { inserted = trade; return null; }
        var stored = writer.Find(trade.Id)!;
        var differing = TradeRules.DifferingFields(stored, trade);
        return differing.Count == 0 ? null : $"conflicts with stored trade '{trade.Id}': different {string.Join(", ", differing)}";
    }

    /// <summary>Maps the required columns by header name (case-insensitive, any order); null with the problem when it cannot.</summary>
    private static int[]? ReadHeader(CsvRecordReader csv, out string? problem)
    {
        problem = null;
        if (csv.Read() is not { } header)
        {
            problem = "The file is empty: expected a header row with " + string.Join(", ", TradeCsv.Columns) + ".";
            return null;
        }
        var names = header.Fields.Select(n => n.Trim().ToLowerInvariant()).ToList();
        var columns = TradeCsv.Columns.Select(c => names.IndexOf(c)).ToArray();
        var missing = TradeCsv.Columns.Where((_, i) => columns[i] < 0).ToList();
        if (missing.Count == 0 && header.Error is null) return columns;
        var found = string.Join(", ", names.Take(12).Select(n => n.Length > 40 ? n[..40] + "…" : n));
        problem = $"The file has no usable header: missing required column(s) {string.Join(", ", missing)} (found: {found}). " +
                  $"The first line must name the columns {string.Join(", ", TradeCsv.Columns)}, in any order.";
        return null;
    }

    private async Task<ImportRecord?> PreviousImportAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Imports.AsNoTracking().Where(i => i.Sha256 == sha256 && i.Status == ImportStatus.Imported)
            .OrderBy(i => i.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<ImportResult> RecordAsync(ImportRecord record, List<ImportRejection> rejections, CancellationToken cancellationToken)
    {
        record.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Imports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Import #{Id} {FileName} ({Source}, {User}): {Status}. {Message}", record.Id, record.FileName, record.Source, record.UserName, record.Status, record.Message);
        if (record.Status == ImportStatus.AlreadyImported) Imported?.Invoke(record);
        return ToResult(record, rejections);
    }

    private static ImportResult ToResult(ImportRecord r, List<ImportRejection> rejections) => new(
        r.Id, r.FileName, r.Sha256, r.Status, r.Rows, r.Inserted, r.Duplicates, rejections.Count,
        rejections.Take(MaxRejectionsReturned).Select(x => new RejectedRow(x.Line, x.Reason)).ToList(), r.Message);

    private static string Truncate(string raw) => raw.Length <= MaxRawLength ? raw : raw[..MaxRawLength] + "…";

    /// <summary>Prepared statements reused for every row: SQLite's own insert path, no per-row EF overhead.</summary>
    private sealed class TradeWriter
    {
        private readonly SqliteCommand insert;
        private readonly SqliteCommand find;
        private readonly SqliteParameter[] values;
        private readonly SqliteParameter findId;
        private readonly SqliteConnection connection;
        private readonly SqliteTransaction transaction;

        public TradeWriter(SqliteConnection connection, SqliteTransaction transaction)
        {
            (this.connection, this.transaction) = (connection, transaction);
            insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO trades (id, trader_id, delivery_day, delivery_hour, direction, price, quantity, execution_time_utc)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING
                """;
            values = Enumerable.Range(1, 8).Select(i => insert.Parameters.Add(new SqliteParameter { ParameterName = "$" + i })).ToArray();
            insert.Prepare();
            find = connection.CreateCommand();
            find.Transaction = transaction;
            find.CommandText = "SELECT trader_id, delivery_day, delivery_hour, direction, price, quantity, execution_time_utc FROM trades WHERE id = $id";
            findId = find.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
            find.Prepare();
        }

        public bool TryInsert(Trade t)
        {
            values[0].Value = t.Id;
            values[1].Value = t.TraderId;
            values[2].Value = t.DeliveryDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            values[3].Value = t.DeliveryHour;
            values[4].Value = t.Direction == TradeDirection.Buy ? "buy" : "sell";
            values[5].Value = t.Price;
            values[6].Value = t.Quantity;
            values[7].Value = t.ExecutionTimeUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            return insert.ExecuteNonQuery() == 1;
        }

        public Trade? Find(string id)
        {
            findId.Value = id;
            using var reader = find.ExecuteReader();
            if (!reader.Read()) return null;
            return new Trade
            {
                Id = id,
                TraderId = reader.GetString(0),
                DeliveryDay = DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                DeliveryHour = reader.GetInt32(2),
                Direction = reader.GetString(3) == "buy" ? TradeDirection.Buy : TradeDirection.Sell,
                Price = reader.GetInt64(4),
                Quantity = reader.GetInt32(5),
                ExecutionTimeUtc = DateTime.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            };
        }

        public async Task InsertRejectionsAsync(List<ImportRejection> rejections, CancellationToken cancellationToken)
        {
            if (rejections.Count == 0) return;
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO import_rejections (import_id, line, raw, reason) VALUES ($import, $line, $raw, $reason)";
            var import = command.Parameters.Add(new SqliteParameter { ParameterName = "$import" });
            var line = command.Parameters.Add(new SqliteParameter { ParameterName = "$line" });
            var raw = command.Parameters.Add(new SqliteParameter { ParameterName = "$raw" });
            var reason = command.Parameters.Add(new SqliteParameter { ParameterName = "$reason" });
            foreach (var r in rejections)
            {
                (import.Value, line.Value, raw.Value, reason.Value) = (r.ImportId, r.Line, r.Raw, r.Reason);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
