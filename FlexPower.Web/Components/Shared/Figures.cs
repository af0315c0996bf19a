using System.Globalization;
using FlexPower.Core.Common;

namespace FlexPower.Web.Components.Shared;

/// <summary>
/// How figures read on every page: thousands separators, EUR with an explicit sign where it is a PnL, prices
/// converted from eurocent/MWh, and a CSS class that colours a PnL by its sign.
/// </summary>
public static class Figures
{
    private static readonly CultureInfo Format = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A PnL: "+1,234.56 €", "-44.46 €", "0.00 €".</summary>
    public static string Pnl(decimal eur) => (eur > 0 ? "+" : "") + eur.ToString("N2", Format) + " €";

    /// <summary>An amount that is not a profit or a loss (sell value, buy cost, a plan's cost): "34,481.00 €".</summary>
    public static string Eur(decimal eur) => eur.ToString("N2", Format) + " €";

    /// <summary>A mark-to-market: a PnL, or "n/a" where the hour has no reference price.</summary>
    public static string Mtm(decimal? eur) => eur is { } value ? Pnl(value) : "n/a";

    public static string SignClass(decimal? eur) => eur is { } value ? SignClass(value) : "";

    /// <summary>A position: "+57 MW" long, "-18 MW" short, "0 MW" flat.</summary>
    public static string NetMw(long mw) => (mw > 0 ? "+" : "") + mw.ToString("N0", Format) + " MW";

    /// <summary>A price in EUR/MWh, "" where there is none (no buys, no sells, no reference price).</summary>
    public static string Price(decimal? eurPerMwh) => eurPerMwh?.ToString("N2", Format) ?? "";

    public static string SignClass(decimal eur) => eur > 0 ? "fp-profit" : eur < 0 ? "fp-loss" : "";

    public static string EurPerMwh(long eurocentPerMwh) => (eurocentPerMwh / 100m).ToString("N2", Format);

    public static string Mw(long mw) => mw.ToString("N0", Format) + " MW";

    public static string Mw(decimal mw) => mw.ToString("N1", Format) + " MW";

    public static string Count(long count) => count.ToString("N0", Format);

    /// <summary>What one period of a day report is called: hour, half-hour or quarter-hour.</summary>
    public static string PeriodName(string? resolution) => resolution switch
    {
        "PT15M" => "quarter-hour",
        "PT30M" => "half-hour",
        _ => "hour",
    };

    /// <summary>An exact quantity (MW, MWh): whole numbers as <see cref="Count(long)"/> prints them, a tenth or a quarter's 0.025 where there is one.</summary>
    public static string Count(decimal value) => value.ToString("#,##0.###", Format);

    public static string NetMw(decimal mw) => (mw > 0 ? "+" : "") + Count(mw) + " MW";

    /// <summary>MW (or a day's MWh) as exact as they are, unlike <see cref="Mw(decimal)"/>'s one decimal for the planner.</summary>
    public static string MwExact(decimal mw) => Count(mw) + " MW";

    /// <summary>What a mark-to-market was marked against: "vs day-ahead", and how many traded hours counted at cash PnL.</summary>
    public static string MtmBasis(string series, int hoursWithoutPrice) => hoursWithoutPrice switch
    {
        0 => $"vs {series}",
        var n => $"vs {series}; {Count(n)} traded hour{(n == 1 ? "" : "s")} without a price count at cash PnL",
    };

    public static string Number(decimal value, int decimals) => value.ToString("N" + decimals, Format);

    /// <summary>A day in a heading or a title: "Sat 5 Dec 2026". Tables, hints and exports use <see cref="TableDay"/>.</summary>
    public static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", Format);

    /// <summary>A day in a table, a hint or an export: "2026-12-05" (<see cref="DayFormat"/>, as the API and CSV write it).</summary>
    public static string TableDay(DateOnly day) => DayFormat.Of(day);

    /// <summary>A UTC time to the minute, as tables and tooltips show it (their headings say UTC): "2026-11-30 09:15".</summary>
    public static string Time(DateTime utc) => utc.ToString(DayFormat.Pattern + " HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A UTC time to the second, where events follow each other closely (executions, imports, deliveries): "2026-11-30 09:15:42".</summary>
    public static string TimeWithSeconds(DateTime utc) => utc.ToString(DayFormat.Pattern + " HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A UTC instant in Berlin time to the minute: "2026-11-30 10:15".</summary>
    public static string Berlin(DateTime utc) => InBerlin(utc).ToString(DayFormat.Pattern + " HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A UTC instant in Berlin time to the second, the desk's clock: "2026-11-30 10:15:42" (pair it with <see cref="UtcTitle"/>).</summary>
    public static string BerlinWithSeconds(DateTime utc) =>
        InBerlin(utc).ToString(DayFormat.Pattern + " HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The same instant in UTC, for a tooltip: "2026-11-30 09:15:42 UTC".</summary>
    public static string UtcTitle(DateTime utc) => TimeWithSeconds(utc) + " UTC";

    private static DateTime InBerlin(DateTime utc) => Core.Common.BerlinTime.LocalTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
