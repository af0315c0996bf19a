using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using CsvHelper;
using FlexPower.Core.Common;
using FlexPower.Core.Import;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Prices;

/// <summary>The layouts a price file may have.</summary>
public enum PriceFileLayout { FlexPower, FlexPowerPeriods, SmardHourly, SmardQuarterHourly }

/// <summary>
/// Reads a reference-price file with CsvHelper, recognising its layout by the header: FlexPower's own by hour
/// (<c>delivery_day,delivery_hour,price_eur_mwh</c>, any order) or by period (<c>delivery_start,delivery_end,price_eur_mwh</c>:
/// UTC instants, 15 or 60 minutes each, mixed freely) or the SMARD download centre's wholesale-price export
/// (<c>Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] …</c>, German local times, decimal comma, '-' for none); see
/// <see cref="SmardPeriods"/>. One line at a time, so a file of any size is never held whole: a line longer than
/// <c>Import:MaxLineBytes</c>, one without the header's columns and a period overlapping one an earlier line priced are
/// rejected on their own, and the rest of the file is read.
/// </summary>
public sealed class PriceFileReader : IDisposable
{
    public static readonly string[] Columns = ["delivery_day", "delivery_hour", "price_eur_mwh"];
    public static readonly string[] PeriodColumns = ["delivery_start", "delivery_end", "price_eur_mwh"];
    public const string SmardPriceColumn = "Deutschland/Luxemburg [€/MWh]";

    private static readonly string Expected =
        $"The first line must name the columns {string.Join(", ", Columns)} or {string.Join(", ", PeriodColumns)} (any order), or be a SMARD wholesale-price export (Datum von;Datum bis;{SmardPriceColumn} …).";

    private readonly LineLengthLimitStream lines;
    private readonly CsvReader csv;
    private readonly int maxLineBytes;
    private readonly FirstLines firstLines = new();
    private int headerWidth;
    private SmardPeriods? smard;
    private bool periods;

    private PriceFileReader(Stream content, int maxLineBytes)
    {
        this.maxLineBytes = maxLineBytes;
        lines = new LineLengthLimitStream(content, maxLineBytes);
        csv = CsvReader.Create(lines, new CsvReaderOptions
        {
            HasHeader = true,
            TrimWhitespace = true,
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            TrackLineNumbers = true,
        }, leaveOpen: false);
    }

    /// <summary>The file's layout; a SMARD export counts as quarter-hourly once a quarter-hour row was read.</summary>
    public PriceFileLayout Layout => smard?.Layout ?? (periods ? PriceFileLayout.FlexPowerPeriods : PriceFileLayout.FlexPower);

    /// <summary>Opens a file and recognises its header; takes ownership of <paramref name="content"/>.</summary>
    public static bool TryOpen(Stream content, int maxLineBytes, [NotNullWhen(true)] out PriceFileReader? reader, [NotNullWhen(false)] out string? problem) =>
        HeaderedFile.TryOpen(new PriceFileReader(content, maxLineBytes), r => r.MapHeader(), out reader, out problem);

    /// <summary>Every line once, in file order.</summary>
    public IEnumerable<PriceLine> ReadLines()
    {
        var read = smard is not null ? smard.Read(csv, () => RowProblem(hint: "")) : periods ? ReadPeriods() : ReadFlexPower();
        foreach (var line in read)
            yield return line.Reason is null && firstLines.Add(line.Day, line.FirstQuarter, line.Quarters, line.Line) is { } earlier
                ? PriceLine.Rejected(line.Line, line.Raw, $"{line.Describe()} already has a price on line {earlier} of this file: a file's periods must not overlap")
                : line;
    }

    private string? MapHeader()
    {
        var names = csv.Headers;
        if (names.Count == 0) return $"The file is empty. {Expected}";
        if (lines.FirstLineCut)
            return $"The file's {lines.FirstLineTooLong}. {Expected}";
        headerWidth = names.Count;
        periods = PeriodColumns.All(name => csv.TryGetFieldIndex(name, out _));
        if (periods || Columns.All(name => csv.TryGetFieldIndex(name, out _)) || SmardPeriods.TryMap(csv, out smard)) return null;
        var found = string.Join(", ", names.Take(8).Select(n => Echo.Value(n.Trim())));
        return $"The file's header is not one FlexPower knows (found: {found}). {Expected}";
    }

    private IEnumerable<PriceLine> ReadFlexPower()
    {
        var (dayColumn, hourColumn, priceColumn) = (csv.GetFieldIndex(Columns[0]), csv.GetFieldIndex(Columns[1]), csv.GetFieldIndex(Columns[2]));
        while (csv.Read())
        {
            var line = checked((int)csv.LineNumber);
            var raw = Encoding.UTF8.GetString(csv.RawRecord);
            if (RowProblem(hint: ": a price takes a decimal point (100.50), not a comma") is { } problem)
            {
                yield return PriceLine.Rejected(line, raw, problem);
                continue;
            }
            var (dayText, hourText, priceText) = (csv.GetString(dayColumn), csv.GetString(hourColumn), csv.GetString(priceColumn));
            if (!TradeRules.TryParseDay(dayText, out var day) || !DeliveryDays.Contains(day))
                yield return PriceLine.Rejected(line, raw, $"delivery_day must be a real date as YYYY-MM-DD {DeliveryDays.Describe} (got '{Echo.Value(dayText)}')");
            else if (!int.TryParse(hourText, NumberStyles.None, CultureInfo.InvariantCulture, out var hour))
                yield return PriceLine.Rejected(line, raw, $"delivery_hour must be a whole number 0–23 (got '{Echo.Value(hourText)}')");
            else if (PriceRules.CheckHour(day, hour) is { } badHour)
                yield return PriceLine.Rejected(line, raw, badHour);
            else if (!PriceRules.TryParseEur(priceText, out var cents, out var badPrice))
                yield return PriceLine.Rejected(line, raw, badPrice!);
            else
                yield return PriceLine.OfHour(line, raw, day, hour, cents);
        }
    }

    private IEnumerable<PriceLine> ReadPeriods()
    {
        var (startColumn, endColumn, priceColumn) = (csv.GetFieldIndex(PeriodColumns[0]), csv.GetFieldIndex(PeriodColumns[1]), csv.GetFieldIndex(PeriodColumns[2]));
        while (csv.Read())
        {
            var line = checked((int)csv.LineNumber);
            var raw = Encoding.UTF8.GetString(csv.RawRecord);
            if (RowProblem(hint: ": a price takes a decimal point (100.50), not a comma") is { } problem)
            {
                yield return PriceLine.Rejected(line, raw, problem);
                continue;
            }
            var (startText, endText, priceText) = (csv.GetString(startColumn), csv.GetString(endColumn), csv.GetString(priceColumn));
            if (!TradeRules.TryParseExecutionTime(startText.Trim(), out var start))
                yield return PriceLine.Rejected(line, raw, $"delivery_start must be an RFC 3339 UTC time, e.g. 2025-10-26T00:15:00Z (got '{Echo.Value(startText)}')");
            else if (!TradeRules.TryParseExecutionTime(endText.Trim(), out var end))
                yield return PriceLine.Rejected(line, raw, $"delivery_end must be an RFC 3339 UTC time, e.g. 2025-10-26T00:30:00Z (got '{Echo.Value(endText)}')");
            else if (PriceRules.CheckPeriod(start, end) is { } badPeriod)
                yield return PriceLine.Rejected(line, raw, badPeriod);
            else if (!PriceRules.TryParseEur(priceText, out var cents, out var badPrice))
                yield return PriceLine.Rejected(line, raw, badPrice!);
            else
                yield return PriceLine.OfPeriod(line, raw, start, (int)((end - start) / BerlinQuarters.Length), cents);
        }
    }

    /// <summary>Why the current row cannot be read as a row of this file at all; <paramref name="hint"/> follows a row with more columns than the header.</summary>
    private string? RowProblem(string hint)
    {
        if (csv.RawRecord.Length > maxLineBytes)
            return lines.LineTooLong;
        if (csv.FieldCount != headerWidth)
            return $"expected {headerWidth} columns like the header, got {csv.FieldCount}{(csv.FieldCount > headerWidth ? hint : "")}";
        return null;
    }

    public void Dispose() => csv.Dispose();
}
