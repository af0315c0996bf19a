using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Prices;

/// <summary>
/// Imports a reference-price file into a series, for every entry point (page, API, inbox, command line): the whole file is
/// read and checked first (<see cref="PriceFileReader"/>), then stored in one transaction with its ledger line and
/// rejected lines. An hour already stored with the same price is unchanged, with another price it is corrected (reported
/// as updated); the same content (SHA-256) is not imported into a series twice unless forced. Only managers import
/// prices: they value every trader's positions.
/// </summary>
public sealed class PriceImportService(IDbContextFactory<FlexPowerDbContext> dbFactory, ImportLedger ledger, ChangeNotifier notifier,
    IOptions<ImportOptions> options, TimeProvider clock)
{
    public async Task<PriceImportResult> ImportAsync(Stream content, PriceImportRequest request, CancellationToken cancellationToken = default)
    {
        var series = Check(request);
        var started = clock.GetUtcNow().UtcDateTime;
        await using var upload = await ImportSpool.CopyAsync(content, null, cancellationToken);
        return await ImportAsync(upload.Path, upload.Fingerprint, series, started, request, cancellationToken);
    }

    public async Task<PriceImportResult> ImportFileAsync(string path, PriceImportRequest request, CancellationToken cancellationToken = default)
    {
        var series = Check(request);
        var started = clock.GetUtcNow().UtcDateTime;
        return await ImportAsync(path, await ImportSpool.FingerprintAsync(path, cancellationToken), series, started, request, cancellationToken);
    }

    private static string Check(PriceImportRequest request)
    {
        request.Caller.EnsureSeesDesk("Importing reference prices");
        return PriceRules.Series(request.Series);
    }

    private async Task<PriceImportResult> ImportAsync(string path, FileFingerprint file, string series, DateTime started, PriceImportRequest request, CancellationToken cancellationToken)
    {
        var record = await ledger.OpenAsync(ImportKind.Prices, request.File, Task.FromResult(file), started, series);
        if (!request.Force && await ledger.FindImportedAsync(file.Sha256, ImportKind.Prices, series, cancellationToken) is { } previous)
            return ToResult(await ledger.RecordAlreadyImportedAsync(record, previous, cancellationToken), series, null, []);

        var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        if (!PriceFileReader.TryOpen(content, options.Value.MaxLineBytes, out var reader, out var problem))
            throw await ledger.FailedAsync(record, problem, cancellationToken);
        using (reader) return await StoreAsync(record, series, reader.ReadLines().ToList(), reader.Layout, cancellationToken);
    }

    private async Task<PriceImportResult> StoreAsync(ImportRecord record, string series, List<PriceLine> lines, PriceFileLayout layout, CancellationToken cancellationToken)
    {
        var valid = lines.Where(l => l.Reason is null).ToList();
        var rejected = lines.Where(l => l.Reason is not null).OrderBy(l => l.Line).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DatabaseLocks.TakeAsync(db, DatabaseLocks.ReferencePrices, cancellationToken);
        db.Imports.Add(record);
        await db.SaveChangesAsync(cancellationToken);

        var (firstDay, lastDay) = valid.Count == 0 ? default : (valid.Min(v => v.Day), valid.Max(v => v.Day));
        var stored = valid.Count == 0 ? [] : await db.ReferencePrices
            .Where(p => p.Series == series && p.DeliveryDay >= firstDay && p.DeliveryDay <= lastDay)
            .ToDictionaryAsync(p => (p.DeliveryDay, p.DeliveryHour), cancellationToken);
        var changedDays = new List<DateOnly>();
        foreach (var line in valid)
        {
            if (!stored.TryGetValue((line.Day, line.Hour), out var price))
            {
                db.ReferencePrices.Add(new ReferencePrice { Series = series, DeliveryDay = line.Day, DeliveryHour = line.Hour, PriceCents = line.Cents, ImportId = record.Id });
                record.Inserted++;
            }
            else if (price.PriceCents != line.Cents)
            {
                (price.PriceCents, price.ImportId) = (line.Cents, record.Id);
                record.Updated++;
            }
            else
            {
                record.Duplicates++;
                continue;
            }
            changedDays.Add(line.Day);
        }
        foreach (var line in rejected)
            db.ImportRejections.Add(new ImportRejection { ImportId = record.Id, Line = line.Line, Raw = ImportRejection.Kept(line.Raw), Reason = line.Reason! });

        (record.Rows, record.Rejected) = (lines.Count, rejected.Count);
        record.Message = $"{Layout(layout)} into series {series}.";
        ledger.Imported(record);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (changedDays.Count > 0) notifier.Publish(new PricesChanged(series, changedDays.Min(), changedDays.Max()));
        ledger.Announce(record);
        return ToResult(record, series, layout, rejected.Take(ImportService.MaxRejectionsReturned).Select(r => new RejectedRow(r.Line, r.Reason!)).ToList());
    }

    private static string Layout(PriceFileLayout layout) => layout switch
    {
        PriceFileLayout.SmardQuarterHourly => "SMARD export, quarter-hours averaged per hour",
        PriceFileLayout.SmardHourly => "SMARD export, hourly",
        _ => "FlexPower price file",
    };

    private static string LayoutName(PriceFileLayout layout) => layout switch
    {
        PriceFileLayout.SmardQuarterHourly => "smard_quarter_hourly",
        PriceFileLayout.SmardHourly => "smard_hourly",
        _ => "flexpower",
    };

    private static PriceImportResult ToResult(ImportRecord r, string series, PriceFileLayout? layout, IReadOnlyList<RejectedRow> rejected) =>
        new(r.Id, series, r.FileName, r.Sha256, r.Status, layout is { } l ? LayoutName(l) : null, r.Rows, r.Inserted, r.Updated, r.Duplicates, r.Rejected, rejected, r.Message);
}
