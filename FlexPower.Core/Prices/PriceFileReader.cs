using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using CsvHelper;
using FlexPower.Core.Common;
using FlexPower.Core.Import;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Prices;

/// <summary>One delivery hour's price read from a file, or why that line (or group of quarter-hour lines) is rejected.</summary>
public sealed record PriceLine(int Line, string Raw, DateOnly Day, int Hour, long Cents, string? Reason = null)
{
    public static PriceLine Rejected(int line, string raw, string reason) => new(line, raw, default, 0, 0, reason);
}

/// <summary>The layouts a price file may have.</summary>
public enum PriceFileLayout { FlexPower, SmardHourly, SmardQuarterHourly }

/// <summary>
/// Reads a reference-price file with CsvHelper, recognising its layout by the header: FlexPower's own
/// (<c>delivery_day,delivery_hour,price_eur_mwh</c>, any order) or the SMARD download centre's wholesale-price export
/// (<c>Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] …</c>, German local times, decimal comma, '-' for none); see
/// <see cref="SmardHours"/> for how quarter-hours become hours. One line at a time, so a file of any size is never held
/// whole: a line longer than <c>Import:MaxLineBytes</c>, one without the header's columns and an hour given a second time
/// are rejected on their own, and the rest of the file is read.
/// </summary>
public sealed class PriceFileReader : IDisposable
{
    public static readonly string[] Columns = ["delivery_day", "delivery_hour", "price_eur_mwh"];
    public const string SmardPriceColumn = "Deutschland/Luxemburg [€/MWh]";

    private static readonly string Expected =
        $"The first line must name the columns {string.Join(", ", Columns)} (any order), or be a SMARD wholesale-price export (Datum von;Datum bis;{SmardPriceColumn} …).";

    private readonly LineLengthLimitStream lines;
    private readonly CsvReader csv;
    private readonly int maxLineBytes;
    private readonly FirstLines firstLines = new();
    private int headerWidth;
    private SmardHours? smard;

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
    public PriceFileLayout Layout => smard?.Layout ?? PriceFileLayout.FlexPower;

    /// <summary>Opens a file and recognises its header; takes ownership of <paramref name="content"/>.</summary>
    public static bool TryOpen(Stream content, int maxLineBytes, [NotNullWhen(true)] out PriceFileReader? reader, [NotNullWhen(false)] out string? problem) =>
        HeaderedFile.TryOpen(new PriceFileReader(content, maxLineBytes), r => r.MapHeader(), out reader, out problem);

    /// <summary>Every line once, in file order (a SMARD hour of quarter-hours when it is complete, as its first line).</summary>
    public IEnumerable<PriceLine> ReadLines()
    {
        foreach (var line in smard is null ? ReadFlexPower() : smard.Read(csv, () => RowProblem(hint: "")))
            yield return line.Reason is null && firstLines.Add(line.Day, line.Hour, line.Line) is { } earlier
                ? PriceLine.Rejected(line.Line, line.Raw, $"hour {HourLabel.Of(line.Hour)} of {DayFormat.Of(line.Day)} already has a price on line {earlier} of this file")
                : line;
    }

    private string? MapHeader()
    {
        var names = csv.Headers;
        if (names.Count == 0) return $"The file is empty. {Expected}";
        if (lines.FirstLineCut)
            return $"The file's {lines.FirstLineTooLong}. {Expected}";
        headerWidth = names.Count;
        if (Columns.All(name => csv.TryGetFieldIndex(name, out _)) || SmardHours.TryMap(csv, out smard)) return null;
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
                yield return new PriceLine(line, raw, day, hour, cents);
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
