using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using CsvHelper;
using FlexPower.Core.Common;

namespace FlexPower.Core.Prices;

/// <summary>
/// The SMARD download centre's wholesale-price CSV (Bundesnetzagentur, smard.de → Großhandelspreise) as periods of the DE-LU
/// bidding zone. Rows start at German local times (<c>dd.MM.yyyy HH:mm</c>); since 1 Oct 2025 the day-ahead market clears
/// quarter-hours, so an export has four rows per hour: each is stored as its own 15-minute period, as an hourly row is a
/// 60-minute one. On the autumn clock change the local hour 02:00–03:00 comes twice; its rows are taken in file order, the
/// first of a local start as the first occurrence (summer time), the second as the repeated hour (winter time).
/// </summary>
public sealed class SmardPeriods
{
    // Exports since 2024 give "Datum von;Datum bis" (dd.MM.yyyy HH:mm); older ones "Datum;Anfang;Ende" (dd.MM.yyyy; HH:mm; HH:mm).
    private readonly int? dayColumn;
    private readonly int fromColumn, toColumn, priceColumn;

    private SmardPeriods(int? dayColumn, int fromColumn, int toColumn, int priceColumn) =>
        (this.dayColumn, this.fromColumn, this.toColumn, this.priceColumn) = (dayColumn, fromColumn, toColumn, priceColumn);

    public static bool TryMap(CsvReader csv, [NotNullWhen(true)] out SmardPeriods? layout)
    {
        layout = null;
        var price = csv.Headers.ToList().FindIndex(h => h.Trim().StartsWith(PriceFileReader.SmardPriceColumn, StringComparison.Ordinal));
        if (price < 0) return false;
        if (csv.TryGetFieldIndex("Datum von", out var from) && csv.TryGetFieldIndex("Datum bis", out var to))
            layout = new SmardPeriods(null, from, to, price);
        else if (csv.TryGetFieldIndex("Datum", out var day) && csv.TryGetFieldIndex("Anfang", out var start) && csv.TryGetFieldIndex("Ende", out var end))
            layout = new SmardPeriods(day, start, end, price);
        return layout is not null;
    }

    /// <summary>Hourly, until a quarter-hour row was read.</summary>
    public PriceFileLayout Layout { get; private set; } = PriceFileLayout.SmardHourly;

    /// <summary>
    /// The export's rows as periods, one at a time. Each row's period says what it is — an export of the "original
    /// resolutions" has hours before 1 October 2025 and quarter-hours after. <paramref name="rowProblem"/> is why the
    /// current row cannot be read at all, if it cannot.
    /// </summary>
    public IEnumerable<PriceLine> Read(CsvReader csv, Func<string?> rowProblem)
    {
        // Only the autumn clock change's starts are counted, to tell its repeated hour: a few per year, whatever the file's size.
        var ambiguousStarts = new Dictionary<DateTime, int>();
        while (csv.Read())
        {
            var line = checked((int)csv.LineNumber);
            var raw = Encoding.UTF8.GetString(csv.RawRecord);
            if (rowProblem() is { } problem)
            {
                yield return PriceLine.Rejected(line, raw, problem);
                continue;
            }
            var (fromText, toText, priceText) = (csv.GetString(fromColumn), csv.GetString(toColumn), csv.GetString(priceColumn));
            if (dayColumn is { } dayIndex) (fromText, toText) = ($"{csv.GetString(dayIndex).Trim()} {fromText.Trim()}", $"{csv.GetString(dayIndex).Trim()} {toText.Trim()}");
            if (!TryParseLocal(fromText, out var start) || !TryParseLocal(toText, out var end))
            {
                yield return PriceLine.Rejected(line, raw, dayColumn is null
                    ? $"Datum von and Datum bis must be German local times as dd.MM.yyyy HH:mm (got '{Echo.Value(fromText)}', '{Echo.Value(toText)}')"
                    : $"Datum must be dd.MM.yyyy and Anfang, Ende HH:mm (got '{Echo.Value(fromText)}', '{Echo.Value(toText)}')");
                continue;
            }
            // "Datum;Anfang;Ende": the day's last period ends at 00:00 of the next day.
            if (end <= start) end = end.AddDays(1);
            var minutes = (end - start).TotalMinutes;
            var quarter = minutes == 15 && start.Minute % 15 == 0;
            if (!quarter && !(minutes == 60 && start.Minute == 0))
            {
                yield return PriceLine.Rejected(line, raw, $"{Echo.Value(fromText)} to {Echo.Value(toText)} is neither an hour nor a quarter-hour: " +
                    "download the export with the resolution 'Stunde', 'Viertelstunde' or 'Originalauflösungen'");
                continue;
            }
            if (quarter) Layout = PriceFileLayout.SmardQuarterHourly;

            var occurrence = BerlinTime.Zone.IsAmbiguousTime(start) ? ambiguousStarts[start] = ambiguousStarts.GetValueOrDefault(start) + 1 : 0;
            var reason = BerlinTime.Zone.IsInvalidTime(start) ? $"{fromText} does not exist in Europe/Berlin (the spring clock change skips 02:00–03:00)"
                : !DeliveryDays.Contains(DateOnly.FromDateTime(start)) ? $"{DayFormat.Of(DateOnly.FromDateTime(start))} is not {DeliveryDays.Describe}"
                : priceText.Trim() == "-" ? $"no price for {fromText} in the export ('-')"
                : null;
            long cents = 0;
            if (reason is null) PriceRules.TryParseGermanEur(priceText, out cents, out reason);
            yield return reason is null ? PriceLine.OfPeriod(line, raw, ToUtc(start, occurrence), quarter ? 1 : 4, cents) : PriceLine.Rejected(line, raw, reason);
        }
    }

    /// <summary>
    /// A local start as UTC; an ambiguous one by its <paramref name="occurrence"/> in the file: the first in summer time, any
    /// later in winter time (a third is then a period the file already priced, rejected as such).
    /// </summary>
    private static DateTime ToUtc(DateTime local, int occurrence)
    {
        if (occurrence == 0) return TimeZoneInfo.ConvertTimeToUtc(local, BerlinTime.Zone);
        var offsets = BerlinTime.Zone.GetAmbiguousTimeOffsets(local);
        var offset = occurrence == 1 ? offsets.Max() : offsets.Min();
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    private static bool TryParseLocal(string text, out DateTime local) =>
        DateTime.TryParseExact(text.Trim(), "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
}
