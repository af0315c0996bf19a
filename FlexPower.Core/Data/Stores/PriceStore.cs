using FlexPower.Core.Audit;
using FlexPower.Core.Import;
using FlexPower.Core.Prices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlexPower.Core.Data.Stores;

/// <summary>What one transaction of a price file did: the lines it rejected, and the first and last day whose prices changed.</summary>
internal sealed record StoredPrices(IReadOnlyList<PriceLine> Rejected, DateOnly? FirstChanged, DateOnly? LastChanged);

/// <summary>
/// Stores a part of a price file in one transaction with its ledger line, the prices through <see cref="PriceRows"/>: a
/// period overlapping no stored one is inserted; one stored as it is with the same price is unchanged; otherwise it replaces
/// every stored period it overlaps (a correction: another price, or the day's hour now in quarter-hours); and one that
/// overlaps a period a newer import has set meanwhile (two files of a series imported at once) keeps that import's prices —
/// its line is rejected — so a day's prices only ever move to a newer import. The ledger line is inserted with the file's first part
/// and counts every part it is written with.
/// </summary>
internal static class PriceStore
{
    /// <summary><paramref name="audited"/> gives the audit entry of a file's last part, once the line's counts are final (null: none).</summary>
    public static async Task<StoredPrices> StoreAsync(FlexPowerDbContext db, ImportRecord record, IReadOnlyList<PriceLine> lines, Func<ImportRecord, AuditEntry?> audited,
        CancellationToken cancellationToken)
    {
        var series = record.Series!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await DatabaseLocks.TakeAsync(db, DatabaseLocks.ReferencePrices, cancellationToken);
        var write = transaction.GetDbTransaction();
        if (record.Id == 0) await LedgerStore.AddAsync(write, record, cancellationToken);

        var valid = lines.Where(l => l.Reason is null).ToList();
        var before = await PriceRows.OverlappedAsync(write, series, valid, cancellationToken);
        var (inserted, replacing, rejected) = (new List<PriceLine>(), new List<PriceLine>(), lines.Where(l => l.Reason is not null).ToList());
        foreach (var (line, stored) in valid.Zip(before))
        {
            switch (stored)
            {
                case []:
                    record.Inserted++;
                    inserted.Add(line);
                    break;
                case var periods when periods.Max(p => p.ImportId) is var newer && newer > record.Id:
                    rejected.Add(line with { Reason = $"{line.Describe()} was priced meanwhile by the newer import #{newer}, whose price stays" });
                    break;
                case [var same] when (same.FirstQuarter, same.Quarters, same.Cents) == (line.FirstQuarter, line.Quarters, line.Cents):
                    record.Duplicates++;
                    break;
                default:
                    record.Updated++;
                    replacing.Add(line);
                    break;
            }
        }
        await PriceRows.StoreAsync(write, series, record.Id, inserted, replacing, cancellationToken);
        var changed = inserted.Concat(replacing).ToList();
        using (var rejections = LedgerStore.OpenRejections(write, record.Id))
            foreach (var line in rejected.OrderBy(l => l.Line)) rejections.Add(line.Line, line.Raw, line.Reason!);
        var (first, last) = changed.Count == 0 ? default((DateOnly?, DateOnly?)) : (changed.Min(l => l.Day), changed.Max(l => l.Day));
        // A day whose prices this import began changing in an earlier transaction already carries its import id, so a mark
        // cached in between would still look current: forget the marks of the changed days (the refresher redoes them).
        if (first is { } from && last is { } to) await DayMarkStore.ForgetAsync(db, series, from, to, cancellationToken);

        record.Rows += lines.Count;
        record.Rejected += rejected.Count;
        await LedgerStore.UpdateAsync(write, record, cancellationToken);
        if (audited(record) is { } entry) await AuditStore.AddAsync(write, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StoredPrices(rejected, first, last);
    }
}
