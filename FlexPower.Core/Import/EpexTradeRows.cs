using System.Globalization;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Import;

/// <summary>
/// EPEX SPOT's continuous-trades export, row by row: each row's texts become the <see cref="RawTrade"/> the exchange file
/// would have given (price in eurocent, the period as RFC 3339 UTC instants, the upload's trader), so
/// <see cref="TradeRules"/> checks it like every other trade. Only what is particular to the export is checked here: its
/// currency and unit, its side, its decimal price and volume (converted exactly, never through floating point) and its
/// time texts. The export's rows name no trader, so every row is the upload's <paramref name="traderId"/>.
/// </summary>
public sealed class EpexTradeRows(Func<int, string?> field, string traderId)
{
    /// <summary>The export's header (after a first line that is skipped).</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "TradeId", "RemoteTradeId", "Side", "Product", "DeliveryStart", "DeliveryEnd", "ExecutionTime", "DeliveryArea",
        "TradePhase", "UserDefinedBlock", "SelfTrade", "Price", "Currency", "Volume", "VolumeUnit", "OrderID",
    ];

    /// <summary>The columns a row is read from, in the order <c>field</c> indexes them.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["TradeId", "Side", "Product", "DeliveryStart", "DeliveryEnd", "ExecutionTime", "Price", "Currency", "Volume", "VolumeUnit"];

    /// <summary>A header with this column is the export's; no exchange file has it.</summary>
    public const string MarkerColumn = "TradeId";

    private const int TradeId = 0, Side = 1, Product = 2, DeliveryStart = 3, DeliveryEnd = 4, ExecutionTime = 5, Price = 6, Currency = 7, Volume = 8, VolumeUnit = 9;

    private static readonly string[] HourTexts = [.. Enumerable.Range(0, 24).Select(h => h.ToString(CultureInfo.InvariantCulture))];

    // An export holds a few hundred distinct periods (a day's quarter-hours, half-hours, hours and blocks): each is read
    // and converted once, the rows after it look it up.
    private const int MaxPeriodsKept = 10_000;
    private readonly Dictionary<(string Start, string End), Period> periods = [];

    private sealed record Period(string Start, string End, string? Day, string? Hour);

    /// <summary>The current row as a trade to check, or null and why the export's own rules refuse it.</summary>
    public (RawTrade? Trade, string? Reason) Read()
    {
        List<string>? problems = null;
        var currency = field(Currency);
        if (currency != "EUR") Add($"Currency must be EUR (got '{Echo.Value(currency)}'): prices are kept in eurocent/MWh.");
        var unit = field(VolumeUnit);
        if (unit != "MW") Add($"VolumeUnit must be MW (got '{Echo.Value(unit)}').");

        var side = field(Side);
        var direction = side switch { "BUY" => "buy", "SELL" => "sell", _ => null };
        if (direction is null) Add($"Side must be BUY or SELL (got '{Echo.Value(side)}').");

        var priceText = field(Price);
        string? price = null;
        if (TryFixed(priceText, 2, out var cents)) price = cents.ToString(CultureInfo.InvariantCulture);
        else Add($"Price must be a number of EUR/MWh with at most two decimals, e.g. 45.67 (got '{Echo.Value(priceText)}').");

        var volumeText = field(Volume);
        string? quantity = null;
        if (TryFixed(volumeText, 1, out var tenths)) quantity = Megawatts.FromTenths(tenths).ToString(CultureInfo.InvariantCulture);
        else Add($"Volume must be a number of MW with at most one decimal, e.g. 12.5 (got '{Echo.Value(volumeText)}').");

        var period = PeriodOf(field(DeliveryStart), field(DeliveryEnd), ref problems);
        var executionTime = field(ExecutionTime);

        if (problems is not null) return (null, string.Join(" ", problems));
        var product = field(Product);
        return (new RawTrade(field(TradeId), price, quantity, direction, period!.Day, period.Hour, traderId, WithT(executionTime),
            period.Start, period.End, string.IsNullOrEmpty(product) ? null : product), null);

        void Add(string problem) => (problems ??= []).Add(problem);
    }

    private Period? PeriodOf(string? startText, string? endText, ref List<string>? problems)
    {
        if (startText is not null && endText is not null && periods.TryGetValue((startText, endText), out var known)) return known;
        var startOk = TryInstant(startText, out var start);
        var endOk = TryInstant(endText, out var end);
        if (!startOk) (problems ??= []).Add(InstantProblem("DeliveryStart", startText));
        if (!endOk) (problems ??= []).Add(InstantProblem("DeliveryEnd", endText));
        if (!startOk || !endOk) return null;

        // Today's rules take a delivery hour: a period that is exactly one is given in both forms, which name the same period.
        string? day = null, hour = null;
        if (end - start == TimeSpan.FromHours(1) && start.Ticks % TimeSpan.TicksPerHour == 0)
        {
            var local = BerlinTime.LocalTime(start);
            var berlinDay = DateOnly.FromDateTime(local);
            // The autumn day's repeated 02:00 has no delivery hour of its own: only the period names it.
            if (BerlinTime.HourStartUtc(berlinDay, local.Hour) == start) (day, hour) = (DayFormat.Of(berlinDay), HourTexts[local.Hour]);
        }
        var period = new Period(TradeDto.FormatUtc(start), TradeDto.FormatUtc(end), day, hour);
        if (periods.Count < MaxPeriodsKept) periods[(startText!, endText!)] = period;
        return period;
    }

    private static string InstantProblem(string column, string? text) =>
        $"{column} must be a UTC date and time such as 2025-10-26T00:15:00Z or 2025-10-26 00:15:00 (got '{Echo.Value(text)}').";

    /// <summary>A UTC instant with 'T' or a space between date and time, with or without 'Z' (an offset, if any, is applied).</summary>
    public static bool TryInstant(string? text, out DateTime utc)
    {
        utc = default;
        return text is { Length: >= 16 } && TradeRules.TryParseExecutionTime(WithT(text), out utc);
    }

    /// <summary>The export may put a space between date and time; the contract's form has 'T'.</summary>
    private static string? WithT(string? text) =>
        text is { Length: > 10 } && text[10] == ' '
            ? string.Create(text.Length, text, static (chars, source) =>
            {
                source.CopyTo(chars);
                chars[10] = 'T';
            })
            : text;

    /// <summary>
    /// A decimal text as an exact integer count of 10^-<paramref name="decimals"/> units ("45.67" with 2 → 4567): an optional
    /// sign, digits, and a point with digits after it; more decimals only when they are zeros ("45.670").
    /// </summary>
    public static bool TryFixed(string? text, int decimals, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text)) return false;
        var span = text.AsSpan();
        var negative = span[0] == '-';
        if (span[0] is '-' or '+') span = span[1..];
        var point = span.IndexOf('.');
        var whole = point < 0 ? span : span[..point];
        var fraction = point < 0 ? [] : span[(point + 1)..];
        if (whole.Length is 0 or > 12 || (point >= 0 && fraction.Length == 0)) return false;
        foreach (var c in whole)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        for (var i = 0; i < decimals; i++)
        {
            var digit = 0;
            if (i < fraction.Length)
            {
                if (!char.IsAsciiDigit(fraction[i])) return false;
                digit = fraction[i] - '0';
            }
            value = value * 10 + digit;
        }
        for (var i = decimals; i < fraction.Length; i++)
            if (fraction[i] != '0') return false;
        if (negative) value = -value;
        return true;
    }
}
