using System.Globalization;
using System.Text;
using CsvHelper;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Prices;

/// <summary>One delivery hour's price read from a file, or why that line (or group of quarter-hour lines) is rejected.</summary>
public sealed record PriceLine(int Line, string Raw, DateOnly Day, int Hour, long Cents, string? Reason = null);

/// <summary>The layouts a price file may have.</summary>
public enum PriceFileLayout { FlexPower, SmardHourly, SmardQuarterHourly }

/// <summary>A price file's hourly prices and rejected lines, or why the file cannot be read at all.</summary>
public sealed record PriceFile(PriceFileLayout? Layout, IReadOnlyList<PriceLine> Lines, string? Problem);

/// <summary>
/// Reads a reference-price file with CsvHelper, recognising its layout by the header: FlexPower's own
/// (<c>delivery_day,delivery_hour,price_eur_mwh</c>, any order) or the SMARD download centre's wholesale-price export
/// (<c>Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] …</c>, German local times, decimal comma, '-' for none), hourly
/// or quarter-hourly; see <see cref="SmardHours"/> for how quarter-hours become hours.
/// </summary>
public static class PriceFileReader
{
    public static readonly string[] Columns = ["delivery_day", "delivery_hour", "price_eur_mwh"];
    public const string SmardPriceColumn = "Deutschland/Luxemburg [€/MWh]";

    private static readonly string Expected =
        $"The first line must name the columns {string.Join(", ", Columns)} (any order), or be a SMARD wholesale-price export (Datum von;Datum bis;{SmardPriceColumn} …).";

    public static PriceFile Read(Stream content)
    {
        using var csv = CsvReader.Create(content, new CsvReaderOptions
        {
            HasHeader = true,
            TrimWhitespace = true,
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            TrackLineNumbers = true,
        }, leaveOpen: true);
        var names = csv.Headers;
        if (names.Count == 0) return new PriceFile(null, [], $"The file is empty. {Expected}");
        if (Columns.All(name => csv.TryGetFieldIndex(name, out _))) return new PriceFile(PriceFileLayout.FlexPower, ReadFlexPower(csv), null);
        if (SmardHours.TryMap(csv, out var smard)) return smard.Read(csv);
        var found = string.Join(", ", names.Take(8).Select(n => Echo.Value(n.Trim())));
        return new PriceFile(null, [], $"The file's header is not one FlexPower knows (found: {found}). {Expected}");
    }

    private static List<PriceLine> ReadFlexPower(CsvReader csv)
    {
        var (dayColumn, hourColumn, priceColumn) = (csv.GetFieldIndex(Columns[0]), csv.GetFieldIndex(Columns[1]), csv.GetFieldIndex(Columns[2]));
        var lines = new List<PriceLine>();
        while (csv.Read())
        {
            var line = checked((int)csv.LineNumber);
            var raw = Encoding.UTF8.GetString(csv.RawRecord);
            var (dayText, hourText, priceText) = (csv.GetString(dayColumn), csv.GetString(hourColumn), csv.GetString(priceColumn));
            if (!TradeRules.TryParseDay(dayText, out var day) || !DeliveryDays.Contains(day))
                lines.Add(Rejected($"delivery_day must be a real date as YYYY-MM-DD {DeliveryDays.Describe} (got '{Echo.Value(dayText)}')"));
            else if (!int.TryParse(hourText, NumberStyles.None, CultureInfo.InvariantCulture, out var hour))
                lines.Add(Rejected($"delivery_hour must be a whole number 0–23 (got '{Echo.Value(hourText)}')"));
            else if (PriceRules.CheckHour(day, hour) is { } badHour)
                lines.Add(Rejected(badHour));
            else if (!PriceRules.TryParseEur(priceText, out var cents, out var badPrice))
                lines.Add(Rejected(badPrice!));
            else
                lines.Add(new PriceLine(line, raw, day, hour, cents));

            PriceLine Rejected(string reason) => new(line, raw, default, 0, 0, reason);
        }
        return lines;
    }
}
