using System.Globalization;
using FlexPower.Core.Common;
using FlexPower.Core.Reports;

namespace FlexPower.Web.Features.Reports;

/// <summary>Day and range reports as an aligned table for a terminal.</summary>
public static class ReportTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Day(DayReport report, bool hideEmpty) => Table(
        ["Hour", "Number of Trades", "Total BUY [MW]", "Total Sell [MW]", "PnL [Eur]"],
        report.Hours.Where(h => !hideEmpty || h.TradeCount > 0).Select(h => new[] { HourLabel.Of(h.Hour), N(h.TradeCount), N(h.BuyMw), N(h.SellMw), Signed(h.PnlEur) }),
        ["Total", N(report.Total.TradeCount), N(report.Total.BuyMw), N(report.Total.SellMw), Signed(report.Total.PnlEur)],
        title: $"PnL of {report.TraderId} on {report.DeliveryDay:yyyy-MM-dd} (delivery hours Europe/Berlin)");

    public static string Range(RangeReport report) => Table(
        ["Period", "Number of Trades", "Total BUY [MW]", "Total Sell [MW]", "PnL [Eur]", "Cumulative [Eur]"],
        report.Periods.Select(p => new[] { p.Start.ToString("yyyy-MM-dd", Invariant), N(p.TradeCount), N(p.BuyMw), N(p.SellMw), Signed(p.PnlEur), Signed(p.CumulativePnlEur) }),
        ["Total", N(report.Total.TradeCount), N(report.Total.BuyMw), N(report.Total.SellMw), Signed(report.Total.PnlEur), ""],
        title: $"PnL of {report.TraderId ?? "all traders"} from {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd} by {report.Granularity}");

    private static string Signed(decimal eur) => eur == 0 ? "0.00" : eur.ToString("+#,##0.00;-#,##0.00", Invariant);

    private static string N(long value) => value.ToString(Invariant);

    private static string Table(string[] header, IEnumerable<string[]> rows, string[] total, string title)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Append(total).Max(r => r[i].Length)).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
        var rule = new string('-', widths.Sum() + 2 * (widths.Length - 1));
        return string.Join(Environment.NewLine, [title, "", Line(header), rule, .. all.Skip(1).Select(Line), rule, Line(total)]);
    }
}
