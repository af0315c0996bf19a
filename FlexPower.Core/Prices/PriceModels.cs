using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Import;

namespace FlexPower.Core.Prices;

/// <summary>A price file to import into a series, on whose behalf; <paramref name="Force"/> re-reads content the ledger already has.</summary>
public sealed record PriceImportRequest(string Series, string FileName, ImportSource Source, Caller Caller, bool Force = false, string? Note = null)
{
    public ImportRequest File => new(FileName, Source, Caller, Force, Note);
}

/// <summary>
/// The outcome of one price file: periods inserted, corrected (replacing stored periods of another price or length), unchanged (the same price
/// and period were stored), and rejected lines (at most <see cref="ImportService.MaxRejectionsReturned"/> listed; all kept in the ledger).
/// </summary>
public sealed record PriceImportResult(long ImportId, string Series, string FileName, string Sha256, ImportStatus Status, string? Layout,
    int Rows, int Inserted, int Updated, int Unchanged, int RejectedCount, IReadOnlyList<RejectedRow> Rejected, string? Message);

/// <summary>
/// One period of a series, as the API and pages show it: its Berlin day, the clock hour it starts in (2 for both 02:00 hours
/// of the autumn day; <see cref="Label"/> tells the repeated one by its " (2)"), and its UTC start and end.
/// </summary>
public sealed record PeriodPrice(DateOnly DeliveryDay, int DeliveryHour, decimal PriceEurMwh, DateTime Start, DateTime End)
{
    /// <summary>The period on the Berlin clock: <c>14:15–14:30</c>, <c>02:00–03:00 (2)</c>.</summary>
    public string Label() => PeriodLabel.Of(Start, End);
}

/// <summary>A series that has prices: how many periods (hours and quarter-hours alike; the name is the contract's), and which days.</summary>
public sealed record PriceSeriesSummary(string Series, int Hours, DateOnly FirstDay, DateOnly LastDay);
