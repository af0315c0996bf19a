using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Import;

/// <summary>
/// Reads an exchange trade file with CsvHelper and checks each row: columns found by header name (any order and
/// case), quoting problems and over-long lines rejected on their own line, the trade rules, and whether the caller
/// may import the row's trader. One row at a time, so a file of any size is never held whole. The header says which
/// format the file has: the exchange's own, or EPEX SPOT's continuous-trades export (<see cref="EpexTradeRows"/>), whose
/// header is on the first or, after a line that is skipped, the second line.
/// </summary>
public sealed class TradeFileReader : IDisposable
{
    private static readonly string ExpectedHeader = $"The first line must name the columns {string.Join(", ", TradeCsv.Columns)}, in any order "
        + "(it may add delivery_start, delivery_end and product; with both delivery_start and delivery_end, delivery_day and delivery_hour may be left out)"
        + $", or, on the first or second line, be the header of EPEX SPOT's continuous-trades export: {string.Join(",", EpexTradeRows.Header)}.";

    private readonly LineLengthLimitStream lines;
    private readonly CsvReader csv;
    private readonly Caller caller;
    private readonly int maxLineBytes;
    private readonly string? uploadTrader;
    private EpexTradeRows? epex;
    private readonly Queue<CsvMalformedRecord> malformed = new();
    private int[] columns = [];
    private int headerWidth;
    private int linesBefore, csvLine; // a later part of a file (ContinueWith) numbers its lines after the part before it
    private readonly Func<int, string?> field;

    private TradeFileReader(Stream content, Caller caller, string? uploadTrader, int maxLineBytes, bool hasHeader = true)
    {
        (this.caller, this.uploadTrader, this.maxLineBytes) = (caller, uploadTrader, maxLineBytes);
        lines = new LineLengthLimitStream(content, maxLineBytes);
        csv = CsvReader.Create(lines, new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = hasHeader,
            TrimWhitespace = true,
            // A quote left open ends with its line, so one bad row cannot swallow the rows after it.
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = malformed.Enqueue,
            TrackLineNumbers = true,
        }, leaveOpen: false);
        field = column => columns[column] < 0 ? null : csv.GetString(columns[column]);
    }

    /// <summary>The line the current row is on (1 is the header).</summary>
    public int Line { get; private set; }

    /// <summary>The current row as it is in the file (UTF-8, without its line break); valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> Raw => csv.RawRecord;

    /// <summary>The current row's trade, or null when it is rejected for <see cref="Reason"/>.</summary>
    public Trade? Trade { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>Opens a file and maps its header; takes ownership of <paramref name="content"/>.</summary>
    public static bool TryOpen(Stream content, Caller caller, int maxLineBytes,
        [NotNullWhen(true)] out TradeFileReader? reader, [NotNullWhen(false)] out string? problem) =>
        TryOpen(content, caller, null, maxLineBytes, out reader, out problem);

    /// <summary>
    /// Opens a file whose trades are <paramref name="uploadTrader"/>'s (<see cref="Caller.UploadTrader"/>): an EPEX export's
    /// rows become that trader's, and an exchange file's rows must name it. Without one, an EPEX export cannot be read.
    /// </summary>
    public static bool TryOpen(Stream content, Caller caller, string? uploadTrader, int maxLineBytes,
        [NotNullWhen(true)] out TradeFileReader? reader, [NotNullWhen(false)] out string? problem) =>
        HeaderedFile.TryOpen(new TradeFileReader(content, caller, uploadTrader, maxLineBytes), r => r.MapHeader(), out reader, out problem);

    /// <summary>
    /// A reader of a later part of the same file, which starts on a line of its own after <paramref name="linesBefore"/>
    /// lines: its rows are read as this reader's header says, and numbered as lines of the whole file. Takes ownership of
    /// <paramref name="part"/>.
    /// </summary>
    public TradeFileReader ContinueWith(Stream part, int linesBefore)
    {
        var next = new TradeFileReader(part, caller, uploadTrader, maxLineBytes, hasHeader: false) { columns = columns, headerWidth = headerWidth, linesBefore = linesBefore };
        if (epex is not null) next.epex = new EpexTradeRows(next.field, uploadTrader!);
        return next;
    }

    /// <summary>Whether the file is EPEX SPOT's continuous-trades export.</summary>
    public bool IsEpexExport => epex is not null;

    /// <summary>Moves to the next row (blank lines are skipped); false at the end of the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        if (!csv.Read()) return false;
        csvLine = checked((int)csv.LineNumber);
        Line = linesBefore + csvLine;
        (Trade, Reason) = Check();
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (Trade?, string?) Check()
    {
        var quoting = TakeMalformed();
        if (csv.RawRecord.Length > maxLineBytes)
            return (null, lines.LineTooLong);
        if (quoting is { } problem) return (null, Describe(problem));
        if (csv.FieldCount != headerWidth) return (null, $"expected {headerWidth} columns like the header, got {csv.FieldCount}");

        RawTrade raw;
        if (epex is null) raw = RawTrade.Of(field);
        else
        {
            var (converted, notConverted) = epex.Read();
            if (converted is null) return (null, notConverted);
            raw = converted;
        }
        var (trade, errors) = TradeRules.Validate(raw);
        if (trade is null) return (null, string.Join(" ", errors));
        if (caller.WhyCannotWrite(trade.TraderId) is { } notYours) return (null, notYours);
        if (uploadTrader is not null && trade.TraderId != uploadTrader)
            return (null, $"trader_id '{trade.TraderId}' is not the trader this upload is for ('{uploadTrader}'): upload each trader's rows on their own, or name no trader");
        return (trade, null);
    }

    /// <summary>The quoting problem CsvHelper reported for the current line, if any (it reports one before returning the line).</summary>
    private CsvMalformedRecord? TakeMalformed()
    {
        while (malformed.TryPeek(out var early) && early.LineNumber < csvLine) malformed.Dequeue();
        return malformed.TryPeek(out var next) && next.LineNumber == csvLine ? malformed.Dequeue() : null;
    }

    private string Describe(CsvMalformedRecord problem) => problem.Reason switch
    {
        CsvMalformedReason.LineBreakInQuotes or CsvMalformedReason.UnterminatedQuote =>
            "unterminated quoted field: a '\"' opens a value that does not close on this line",
        CsvMalformedReason.TextAfterClosingQuote =>
            $"unexpected '{CharacterAt(problem.ByteOffset)}' after a closing quote: quote the whole value and double any quote inside it",
        CsvMalformedReason.StrayQuote =>
            "stray '\"' inside an unquoted value: quote the whole value and double any quote inside it",
        _ => $"malformed CSV ({problem.Reason})",
    };

    private string CharacterAt(long byteOffset)
    {
        var raw = csv.RawRecord;
        Rune.DecodeFromUtf8(raw[(int)Math.Clamp(byteOffset - csv.ByteOffset, 0, raw.Length)..], out var character, out _);
        return character.ToString();
    }

    /// <summary>Finds the required columns by name; the problem when the file has no usable header.</summary>
    private string? MapHeader()
    {
        var names = csv.Headers;
        if (names.Count == 0) return $"The file is empty: expected a header row with {string.Join(", ", TradeCsv.Columns)}.";
        if (lines.FirstLineCut)
            return $"The file has no usable header: its {lines.FirstLineTooLong}. {ExpectedHeader}";
        if (IsEpexHeader(names)) return MapEpexHeader(names.Count);
        if (malformed.TryPeek(out var header) && header.RecordNumber == 1)
            return SecondLineIsEpexHeader(out var epexProblem) ? epexProblem : $"The file has no usable header: its quoting is malformed ({header.Reason}). {ExpectedHeader}";

        columns = [.. TradeCsv.AllColumns.Select(name => csv.TryGetFieldIndex(name, out var index) ? index : -1)];
        var hasPeriod = csv.TryGetFieldIndex("delivery_start", out _) && csv.TryGetFieldIndex("delivery_end", out _);
        var missing = TradeCsv.Columns.Where((name, i) => columns[i] < 0 && !(hasPeriod && name is "delivery_day" or "delivery_hour")).ToList();
        if (missing.Count == 0)
        {
            headerWidth = names.Count;
            return null;
        }
        var found = string.Join(", ", names.Take(12).Select(n => Echo.Printable(n.Trim().ToLowerInvariant())).Select(n => n.Length > 40 ? n[..40] + "…" : n));
        var problem = $"The file has no usable header: missing required column(s) {string.Join(", ", missing)} (found: {found}). {ExpectedHeader}";
        return SecondLineIsEpexHeader(out var exportProblem) ? exportProblem : problem;
    }

    private static bool IsEpexHeader(IEnumerable<string> names) => names.Any(n => n.Trim().Equals(EpexTradeRows.MarkerColumn, StringComparison.OrdinalIgnoreCase));

    /// <summary>The export's first line is not its header: whether the second line is; then it is the header, and <paramref name="problem"/> what is wrong with it.</summary>
    private bool SecondLineIsEpexHeader(out string? problem)
    {
        problem = null;
        if (!csv.Read() || csv.RawRecord.Length > maxLineBytes) return false;
        var names = new string[csv.FieldCount];
        for (var i = 0; i < names.Length; i++) names[i] = csv.GetString(i);
        if (!IsEpexHeader(names)) return false;
        csv.ReadHeader();
        problem = MapEpexHeader(names.Length);
        return true;
    }

    private string? MapEpexHeader(int width)
    {
        columns = [.. EpexTradeRows.Columns.Select(name => csv.TryGetFieldIndex(name, out var index) ? index : -1)];
        var missing = EpexTradeRows.Columns.Where((_, i) => columns[i] < 0).ToList();
        if (missing.Count > 0)
            return $"The file has the header of EPEX SPOT's continuous-trades export but lacks its column(s) {string.Join(", ", missing)}: expected {string.Join(",", EpexTradeRows.Header)}.";
        if (uploadTrader is null)
            return "The file is EPEX SPOT's continuous-trades export, which names no trader: say whose trades it holds "
                + "(trader_id on the API, --trader on the command line, the Trader field on the Imports page, or an inbox file named Continuous_Trades-<area>-<date>-<trader_id>.csv).";
        headerWidth = width;
        epex = new EpexTradeRows(field, uploadTrader);
        return null;
    }

    public void Dispose() => csv.Dispose();
}
