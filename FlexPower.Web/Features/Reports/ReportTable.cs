using System.Globalization;
using FlexPower.Core.Common;
using FlexPower.Core.Reports;

namespace FlexPower.Web.Features.Reports;

/// <summary>Day and range reports as an aligned table for a terminal; "n/a" where there is no value (no reference price, no buys or sells).</summary>
public static class ReportTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Day(DayReport report, bool hideEmpty) => Table(
        [Hourly(report) ? "Hour" : "Period", "Number of Trades", "Total BUY [MW]", "Total Sell [MW]", "PnL [Eur]", "Net [MW]", "Matched [MW]", "Buy VWAP [Eur/MWh]", "Sell VWAP [Eur/MWh]", "Ref [Eur/MWh]", "MtM [Eur]"],
        report.Hours.Where(h => !hideEmpty || !h.IsEmpty()).Select(h => new[]
        {
            h.DeskLabel(report.Resolution), N(h.TradeCount), N(h.BuyMw), N(h.SellMw), Signed(h.PnlEur), SignedMw(h.NetMw), N(h.MatchedMw),
            Price(h.BuyVwapEurMwh), Price(h.SellVwapEurMwh), Price(h.RefPriceEurMwh), Signed(h.MtmEur),
        }),
        ["Total", N(report.Total.TradeCount), N(report.Total.BuyMw), N(report.Total.SellMw), Signed(report.Total.PnlEur), SignedMw(report.Total.NetMw),
            N(report.Total.MatchedMw), Price(report.Total.BuyVwapEurMwh), Price(report.Total.SellVwapEurMwh), "", Signed(report.Total.MtmEur)],
        title: $"PnL of {report.TraderId ?? "the desk"} on {DayFormat.Of(report.DeliveryDay)} ({(Hourly(report) ? "delivery hours" : $"{report.Resolution} delivery periods, MW averaged over each,")} Europe/Berlin), MtM against {report.ReferenceSeries}",
        footer: Unpriced(report.Total.HoursWithoutPrice));

    public static string Range(RangeReport report) => Table(
        ["Period", "Number of Trades", "Total BUY [MW]", "Total Sell [MW]", "PnL [Eur]", "Cumulative [Eur]", "Net [MW]", "MtM [Eur]"],
        report.Periods.Select(p => new[]
        {
            DayFormat.Of(p.Start), N(p.TradeCount), N(p.BuyMw), N(p.SellMw), Signed(p.PnlEur), Signed(p.CumulativePnlEur), SignedMw(p.NetMw), Signed(p.MtmEur),
        }),
        ["Total", N(report.Total.TradeCount), N(report.Total.BuyMw), N(report.Total.SellMw), Signed(report.Total.PnlEur), "", SignedMw(report.Total.NetMw), Signed(report.Total.MtmEur)],
        title: $"PnL of {report.TraderId ?? "all traders"} from {DayFormat.Of(report.From)} to {DayFormat.Of(report.To)} by {report.Granularity}, MtM against {report.ReferenceSeries}",
        footer: Unpriced(report.Total.HoursWithoutPrice));

    private static bool Hourly(DayReport report) => report.Resolution == nameof(Resolution.PT60M);

    private static string Signed(decimal? eur) => eur switch
    {
        null => "n/a",
        0 => "0.00",
        { } value => value.ToString("+#,##0.00;-#,##0.00", Invariant),
    };

    private static string SignedMw(decimal mw) => mw.ToString("+0.###;-0.###;0", Invariant);

    private static string Price(decimal? eurMwh) => eurMwh?.ToString("0.00", Invariant) ?? "n/a";

    private static string N(long value) => value.ToString(Invariant);

    private static string N(decimal value) => value.ToString(Invariant);

    private static string? Unpriced(int hours) => hours == 0 ? null
        : $"{hours} traded hour(s) had no reference price: their MtM counts their cash PnL.";

    private static string Table(string[] header, IEnumerable<string[]> rows, string[] total, string title, string? footer)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Append(total).Max(r => r[i].Length)).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
        var rule = new string('-', widths.Sum() + 2 * (widths.Length - 1));
        string[] lines = [title, "", Line(header), rule, .. all.Skip(1).Select(Line), rule, Line(total)];
        return string.Join(Environment.NewLine, footer is null ? lines : [.. lines, "", footer]);
    }
}
