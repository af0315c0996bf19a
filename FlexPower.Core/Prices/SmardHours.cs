using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using CsvHelper;
using FlexPower.Core.Common;

namespace FlexPower.Core.Prices;

/// <summary>
/// The SMARD download centre's wholesale-price CSV (Bundesnetzagentur, smard.de → Großhandelspreise) as hourly prices of the
/// DE-LU bidding zone. Rows start at German local times (<c>dd.MM.yyyy HH:mm</c>); since 1 Oct 2025 the day-ahead market
/// clears quarter-hours, so an export has four rows per hour. An hour's price is then the mean of its four quarter-hour
/// prices, rounded to the cent (half away from zero) — what one MW held through the hour is worth; an hour with a
/// quarter missing ('-') is rejected rather than guessed, and a quarter given twice keeps its first price and rejects the
/// repeat, as a repeated hour does. On the autumn clock change the local hour 02:00–03:00 comes twice; FlexPower's
/// delivery hours name hour 2 once (as trades do, its first occurrence), so the repeat is rejected with that reason.
/// </summary>
public sealed class SmardHours
{
    // Exports since 2024 give "Datum von;Datum bis" (dd.MM.yyyy HH:mm); older ones "Datum;Anfang;Ende" (dd.MM.yyyy; HH:mm; HH:mm).
    private readonly int? dayColumn;
    private readonly int fromColumn, toColumn, priceColumn;

    private SmardHours(int? dayColumn, int fromColumn, int toColumn, int priceColumn) =>
        (this.dayColumn, this.fromColumn, this.toColumn, this.priceColumn) = (dayColumn, fromColumn, toColumn, priceColumn);

    public static bool TryMap(CsvReader csv, [NotNullWhen(true)] out SmardHours? layout)
    {
        layout = null;
        var price = csv.Headers.ToList().FindIndex(h => h.Trim().StartsWith(PriceFileReader.SmardPriceColumn, StringComparison.Ordinal));
        if (price < 0) return false;
        if (csv.TryGetFieldIndex("Datum von", out var from) && csv.TryGetFieldIndex("Datum bis", out var to))
            layout = new SmardHours(null, from, to, price);
        else if (csv.TryGetFieldIndex("Datum", out var day) && csv.TryGetFieldIndex("Anfang", out var start) && csv.TryGetFieldIndex("Ende", out var end))
            layout = new SmardHours(day, start, end, price);
        return layout is not null;
    }

    /// <summary>Hourly, until a quarter-hour row was read.</summary>
    public PriceFileLayout Layout { get; private set; } = PriceFileLayout.SmardHourly;

    /// <summary>
    /// The export's rows as hourly prices, one at a time. Each row's period says what it is — an export of the "original
    /// resolutions" has hours before 1 October 2025 and quarter-hours after. <paramref name="rowProblem"/> is why the
    /// current row cannot be read at all, if it cannot.
    /// </summary>
    public IEnumerable<PriceLine> Read(CsvReader csv, Func<string?> rowProblem)
    {
        // Only the autumn clock change's starts are kept, to tell its repeated hour: a few per year, whatever the file's size.
        var ambiguousStarts = new HashSet<DateTime>();
        Hour? open = null;
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

            var day = DateOnly.FromDateTime(start);
            var reason = BerlinTime.Zone.IsAmbiguousTime(start) && !ambiguousStarts.Add(start)
                ? "the repeated local hour 02:00–03:00 (winter time) of the autumn clock change: FlexPower names hour 2 once, its first occurrence, as trades do"
                : BerlinTime.Zone.IsInvalidTime(start) ? $"{fromText} does not exist in Europe/Berlin (the spring clock change skips 02:00–03:00)"
                : !DeliveryDays.Contains(day) ? $"{DayFormat.Of(day)} is not {DeliveryDays.Describe}"
                : null;
            long cents = 0;
            var missing = priceText.Trim() == "-";
            if (reason is null && !missing) PriceRules.TryParseGermanEur(priceText, out cents, out reason);

            if (!quarter || reason is not null)
            {
                if (reason is null && missing) reason = $"no price for {fromText} in the export ('-')";
                yield return reason is null ? new PriceLine(line, raw, day, start.Hour, cents) : PriceLine.Rejected(line, raw, reason);
                continue;
            }
            if (open is { } current && (current.Day != day || current.HourOfDay != start.Hour))
            {
                yield return current.Close();
                open = null;
            }
            open ??= new Hour(line, raw, day, start.Hour);
            if (open.Add(line, start.Minute, missing ? null : cents) is { } earlier)
                yield return PriceLine.Rejected(line, raw, $"the quarter-hour from {fromText} is already given on line {earlier}: the first one counts");
        }
        if (open is not null) yield return open.Close();
    }

    private static bool TryParseLocal(string text, out DateTime local) =>
        DateTime.TryParseExact(text.Trim(), "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    /// <summary>The quarter-hours of one delivery hour, collected until the next hour starts.</summary>
    private sealed class Hour(int firstLine, string firstRaw, DateOnly day, int hourOfDay)
    {
        private readonly long?[] quarters = new long?[4];
        private readonly int[] lines = new int[4]; // the line that gave each quarter; 0 while none did

        public DateOnly Day => day;
        public int HourOfDay => hourOfDay;

        /// <summary>Takes a quarter's price (null for '-'), unless a line gave that quarter before: then that line.</summary>
        public int? Add(int line, int minute, long? cents)
        {
            var quarter = minute / 15;
            if (lines[quarter] != 0) return lines[quarter];
            (quarters[quarter], lines[quarter]) = (cents, line);
            return null;
        }

        public PriceLine Close()
        {
            var gaps = Enumerable.Range(0, 4).Where(q => quarters[q] is null).Select(q => $"{hourOfDay:00}:{q * 15:00}{(lines[q] != 0 ? " ('-')" : " (no row)")}").ToList();
            if (gaps.Count > 0)
                return PriceLine.Rejected(firstLine, firstRaw, $"hour {HourLabel.Of(hourOfDay)} of {DayFormat.Of(day)} lacks the quarter-hour price(s) {string.Join(", ", gaps)}: an hourly price needs all four");
            var cents = (long)Math.Round(quarters.Sum(q => q!.Value) / 4m, MidpointRounding.AwayFromZero);
            return PriceRules.CheckBounds(cents) is { } outside ? PriceLine.Rejected(firstLine, firstRaw, outside) : new PriceLine(firstLine, firstRaw, day, hourOfDay, cents);
        }
    }
}
