using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Stores;
using FlexPower.Core.Import;
using FlexPower.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Prices;

/// <summary>
/// Imports a reference-price file into a series, for every entry point (page, API, inbox, command line). The file is read
/// a line at a time and stored in transactions of <see cref="LinesPerTransaction"/> lines, each with the ledger line and
/// the rejected lines so far, so a file of any size holds neither memory nor SQLite's write lock for long; between two,
/// other writers get their turn. Until the last one the ledger line is <see cref="ImportStatus.Incomplete"/> and says up
/// to which line the file is stored; importing the file again completes it, since storing a price is idempotent. A period
/// already stored with the same price is unchanged; one that replaces stored periods it overlaps (another price, or another
/// length) is a correction (reported as updated); the same
/// content (SHA-256) is not imported into a series twice unless forced. Only managers import prices: they value every
/// trader's positions.
/// </summary>
public sealed class PriceImportService(IDbContextFactory<FlexPowerDbContext> dbFactory, ImportLedger ledger, DatabaseOutage outage, ChangeNotifier notifier,
    IOptions<ImportOptions> options, DatabaseIdentity database, TimeProvider clock)
{
    /// <summary>A part holds SQLite's write lock for 0.15–0.5 s (measured on 2 busy cores), PostgreSQL's rows for less.</summary>
    private const int LinesPerTransaction = 20_000;

    /// <summary>
    /// A SQLite writer that met the lock retries every 150 ms (Microsoft.Data.Sqlite): a longer pause between two
    /// transactions lets every writer waiting then — trades, the day-marks refresher, a command-line verb — take its turn.
    /// </summary>
    private static readonly TimeSpan OtherWritersTurn = TimeSpan.FromMilliseconds(200);

    public Task<PriceImportResult> ImportAsync(Stream content, PriceImportRequest request, CancellationToken cancellationToken = default) =>
        Traced.ImportAsync(ImportKind.Prices, request.FileName, request.Source, request.Caller, () => outage.RefusedUnlessStoredAsync(async () =>
        {
            var series = Check(request);
            var started = clock.GetUtcNow().UtcDateTime;
            await using var upload = await ImportSpool.CopyAsync(content, null, cancellationToken);
            return await ImportAsync(upload.Path, upload.Fingerprint, series, started, request, cancellationToken);
        }));

    public Task<PriceImportResult> ImportFileAsync(string path, PriceImportRequest request, CancellationToken cancellationToken = default) =>
        Traced.ImportAsync(ImportKind.Prices, request.FileName, request.Source, request.Caller, () => outage.RefusedUnlessStoredAsync(async () =>
        {
            var series = Check(request);
            var started = clock.GetUtcNow().UtcDateTime;
            return await ImportAsync(path, await ImportSpool.FingerprintAsync(path, cancellationToken), series, started, request, cancellationToken);
        }));

    private static string Check(PriceImportRequest request)
    {
        request.Caller.EnsureSeesDesk("Importing reference prices");
        return PriceRules.Series(request.Series);
    }

    private async Task<PriceImportResult> ImportAsync(string path, FileFingerprint file, string series, DateTime started, PriceImportRequest request, CancellationToken cancellationToken)
    {
        var record = await ledger.OpenAsync(ImportKind.Prices, request.File, Task.FromResult(file), started, series);
        if (!request.Force && await ledger.FindImportedAsync(file.Sha256, ImportKind.Prices, series, cancellationToken) is { } previous)
            return ToResult(await ledger.RecordAlreadyImportedAsync(record, previous, cancellationToken), null, []);

        var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        if (!PriceFileReader.TryOpen(content, options.Value.MaxLineBytes, out var reader, out var problem))
            throw await ledger.FailedAsync(record, problem, cancellationToken);
        using (reader) return await StoreAsync(record, reader, request.Caller, cancellationToken);
    }

    private async Task<PriceImportResult> StoreAsync(ImportRecord record, PriceFileReader reader, Caller caller, CancellationToken cancellationToken)
    {
        var note = record.Message; // the inbox's, overwritten by the progress of each part but the last
        var rejected = new List<RejectedRow>();
        var part = new List<PriceLine>(LinesPerTransaction);
        using var lines = reader.ReadLines().GetEnumerator();
        var more = lines.MoveNext();
        do
        {
            part.Clear();
            for (; more && part.Count < LinesPerTransaction; more = lines.MoveNext()) part.Add(lines.Current);
            cancellationToken.ThrowIfCancellationRequested();
            if (more) ledger.Storing(record, part[^1].Line);
            else
            {
                record.Message = note;
                record.AppendMessage($"{Describe(reader.Layout)} into series {record.Series}.");
                ledger.Imported(record);
            }

            var first = record.Id == 0;
            StoredPrices stored;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
                stored = await PriceStore.StoreAsync(db, record, part, r => more ? null : ledger.Audited(r, caller), cancellationToken);
            rejected.AddRange(stored.Rejected.Take(ImportService.MaxRejectionsReturned - rejected.Count).Select(r => new RejectedRow(r.Line, r.Reason!, ImportRejection.Kept(r.Raw))));
            if (stored is { FirstChanged: { } from, LastChanged: { } to }) notifier.Publish(new PricesChanged(record.Series!, from, to));
            if (first || !more) ledger.Announce(record);
            if (more && database.Provider == DatabaseProvider.Sqlite) await Task.Delay(OtherWritersTurn, clock, cancellationToken);
        }
        while (more);
        return ToResult(record, reader.Layout, [.. rejected.OrderBy(r => r.Line)]);
    }

    private static string Describe(PriceFileLayout layout) => layout switch
    {
        PriceFileLayout.SmardQuarterHourly => "SMARD export, quarter-hours",
        PriceFileLayout.SmardHourly => "SMARD export, hourly",
        PriceFileLayout.FlexPowerPeriods => "FlexPower price file of periods",
        _ => "FlexPower price file",
    };

    private static string LayoutName(PriceFileLayout layout) => layout switch
    {
        PriceFileLayout.SmardQuarterHourly => "smard_quarter_hourly",
        PriceFileLayout.SmardHourly => "smard_hourly",
        PriceFileLayout.FlexPowerPeriods => "flexpower_periods",
        _ => "flexpower",
    };

    private static PriceImportResult ToResult(ImportRecord r, PriceFileLayout? layout, IReadOnlyList<RejectedRow> rejected) =>
        new(r.Id, r.Series!, r.FileName, r.Sha256, r.Status, layout is { } l ? LayoutName(l) : null, r.Rows, r.Inserted, r.Updated, r.Duplicates, r.Rejected, rejected, r.Message);
}
