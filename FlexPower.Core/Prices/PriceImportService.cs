using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Prices;

/// <summary>
/// Imports a reference-price file into a series, for every entry point (page, API, inbox, command line): the whole file is
/// read and checked first, then stored in one transaction with its ledger line and rejected lines. An hour already stored
/// with the same price is unchanged, with another price it is corrected (reported as updated); the same content (SHA-256)
/// is not imported twice unless forced. Only managers import prices: they value every trader's positions.
/// </summary>
public sealed class PriceImportService(IDbContextFactory<FlexPowerDbContext> dbFactory, ImportLedger ledger, ChangeNotifier notifier,
    TimeProvider clock, ILogger<PriceImportService> logger)
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
        var record = new ImportRecord
        {
            Kind = ImportKind.Prices, Source = request.Source, FileName = request.FileName, Sha256 = file.Sha256, SizeBytes = file.SizeBytes,
            UserName = request.Caller.UserName, StartedUtc = started, Forced = request.Force,
        };
        if (!request.Force && await ledger.FindImportedAsync(file.Sha256, ImportKind.Prices, cancellationToken) is { } previous)
        {
            record.Status = ImportStatus.AlreadyImported;
            record.Message = $"Same content (SHA-256) as price import #{previous.Id} '{previous.FileName}' of {previous.FinishedUtc:yyyy-MM-dd HH:mm} UTC; nothing imported. Use force to re-run it.";
            return await RecordUnimportedAsync(record, series, null, cancellationToken);
        }

        PriceFile read;
        await using (var content = File.OpenRead(path)) read = PriceFileReader.Read(content);
        if (read.Problem is { } problem)
        {
            record.Status = ImportStatus.Failed;
            record.Message = problem;
            throw new PriceImportFailedException(problem, await RecordUnimportedAsync(record, series, null, cancellationToken));
        }
        return await StoreAsync(record, series, read, cancellationToken);
    }

    private async Task<PriceImportResult> StoreAsync(ImportRecord record, string series, PriceFile read, CancellationToken cancellationToken)
    {
        var (valid, rejected) = SplitRepeats(read.Lines);
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
            db.ImportRejections.Add(new ImportRejection { ImportId = record.Id, Line = line.Line, Raw = LedgerRejections.StoredRaw(line.Raw), Reason = line.Reason! });

        (record.Rows, record.Rejected, record.Status) = (read.Lines.Count, rejected.Count, ImportStatus.Imported);
        record.Message = $"{Layout(read.Layout)} into series {series}.";
        record.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.LogInformation("Price import #{Id} {FileName} into {Series} ({Source}, {User}): {Rows} rows, {Inserted} inserted, {Updated} corrected, {Unchanged} unchanged, {Rejected} rejected",
            record.Id, record.FileName, series, record.Source, record.UserName, record.Rows, record.Inserted, record.Updated, record.Duplicates, record.Rejected);
        if (changedDays.Count > 0) notifier.Publish(new PricesChanged(series, changedDays.Min(), changedDays.Max()));
        notifier.Publish(ImportRecorded.Of(record));
        return ToResult(record, series, read.Layout, rejected.Take(ImportService.MaxRejectionsReturned).Select(r => new RejectedRow(r.Line, r.Reason!)).ToList());
    }

    /// <summary>The lines to store, and the rejected ones: those the reader rejected, and an hour given a second time in the file.</summary>
    private static (List<PriceLine> Valid, List<PriceLine> Rejected) SplitRepeats(IReadOnlyList<PriceLine> lines)
    {
        var first = new Dictionary<(DateOnly, int), int>();
        var (valid, rejected) = (new List<PriceLine>(), new List<PriceLine>());
        foreach (var line in lines)
        {
            if (line.Reason is not null) rejected.Add(line);
            else if (first.TryGetValue((line.Day, line.Hour), out var earlier))
                rejected.Add(line with { Reason = $"hour {HourLabel.Of(line.Hour)} of {line.Day:yyyy-MM-dd} already has a price on line {earlier} of this file" });
            else
            {
                first[(line.Day, line.Hour)] = line.Line;
                valid.Add(line);
            }
        }
        rejected.Sort((a, b) => a.Line.CompareTo(b.Line));
        return (valid, rejected);
    }

    private async Task<PriceImportResult> RecordUnimportedAsync(ImportRecord record, string series, PriceFileLayout? layout, CancellationToken cancellationToken)
    {
        record.FinishedUtc = clock.GetUtcNow().UtcDateTime;
        await ledger.AddAsync(record, cancellationToken);
        logger.LogInformation("Price import #{Id} {FileName} into {Series}: {Status}. {Message}", record.Id, record.FileName, series, record.Status, record.Message);
        notifier.Publish(ImportRecorded.Of(record));
        return ToResult(record, series, layout, []);
    }

    private static string Layout(PriceFileLayout? layout) => layout switch
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
