using FlexPower.Core.Accounts;
using FlexPower.Core.Import;

namespace FlexPower.Core.Prices;

/// <summary>A price file to import into a series, on whose behalf; <paramref name="Force"/> re-reads content the ledger already has.</summary>
public sealed record PriceImportRequest(string Series, string FileName, ImportSource Source, Caller Caller, bool Force = false, string? Note = null)
{
    public ImportRequest File => new(FileName, Source, Caller, Force, Note);
}

/// <summary>
/// The outcome of one price file: hours inserted, corrected (a different price was stored before), unchanged (the same price
/// was stored), and rejected lines (at most <see cref="ImportService.MaxRejectionsReturned"/> listed; all kept in the ledger).
/// </summary>
public sealed record PriceImportResult(long ImportId, string Series, string FileName, string Sha256, ImportStatus Status, string? Layout,
    int Rows, int Inserted, int Updated, int Unchanged, int RejectedCount, IReadOnlyList<RejectedRow> Rejected, string? Message);

/// <summary>One hour of a series, as the API and pages show it.</summary>
public sealed record HourPrice(DateOnly DeliveryDay, int DeliveryHour, decimal PriceEurMwh);

/// <summary>A series that has prices: how many hours, and which days.</summary>
public sealed record PriceSeriesSummary(string Series, int Hours, DateOnly FirstDay, DateOnly LastDay);
