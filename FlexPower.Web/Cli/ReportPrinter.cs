using System.Globalization;
using System.Text.Json;
using FlexPower.Core.Reports;
using FlexPower.Web.Api;

namespace FlexPower.Web.Cli;

/// <summary>Day and range reports for a terminal: an aligned table, CSV, or the API's JSON.</summary>
public static class ReportPrinter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Day(DayReport report, string format, bool hideEmpty)
    {
        var hours = hideEmpty ? report.Hours.Where(h => h.TradeCount > 0).ToList() : report.Hours;
        return format switch
        {
            "json" => JsonSerializer.Serialize(hideEmpty ? report with { Hours = hours.ToList() } : report, ApiJson.Options),
            "csv" => Csv(["hour", "trade_count", "buy_mw", "sell_mw", "pnl_eur"],
                hours.Select(h => new[] { HourLabel(h.Hour), N(h.TradeCount), N(h.BuyMw), N(h.SellMw), h.PnlEur.ToString("0.00", Invariant) }),
                ["Total", N(report.Total.TradeCount), N(report.Total.BuyMw), N(report.Total.SellMw), report.Total.PnlEur.ToString("0.00", Invariant)]),
            _ => Table(["Hour", "Number of Trades", "Total BUY [MW]", "Total Sell [MW]", "PnL [Eur]"],
                hours.Select(h => new[] { HourLabel(h.Hour), N(h.TradeCount), N(h.BuyMw), N(h.SellMw), Signed(h.PnlEur) }),
                ["Total", N(report.Total.TradeCount), N(report.Total.BuyMw), N(report.Total.SellMw), Signed(report.Total.PnlEur)],
                title: $"PnL of {report.TraderId} on {report.DeliveryDay:yyyy-MM-dd} (delivery hours Europe/Berlin)"),
        };
    }

    public static string Range(RangeReport report, string format) => format switch
    {
        "json" => JsonSerializer.Serialize(report, ApiJson.Options),
        "csv" => Csv(["start", "trade_count", "buy_mw", "sell_mw", "pnl_eur", "cumulative_pnl_eur"],
            report.Periods.Select(p => new[] { p.Start.ToString("yyyy-MM-dd", Invariant), N(p.TradeCount), N(p.BuyMw), N(p.SellMw), p.PnlEur.ToString("0.00", Invariant), p.CumulativePnlEur.ToString("0.00", Invariant) }),
            ["Total", N(report.Total.TradeCount), N(report.Total.BuyMw), N(report.Total.SellMw), report.Total.PnlEur.ToString("0.00", Invariant), ""]),
        _ => Table(["Period", "Number of Trades", "Total BUY [MW]", "Total Sell [MW]", "PnL [Eur]", "Cumulative [Eur]"],
            report.Periods.Select(p => new[] { p.Start.ToString("yyyy-MM-dd", Invariant), N(p.TradeCount), N(p.BuyMw), N(p.SellMw), Signed(p.PnlEur), Signed(p.CumulativePnlEur) }),
            ["Total", N(report.Total.TradeCount), N(report.Total.BuyMw), N(report.Total.SellMw), Signed(report.Total.PnlEur), ""],
            title: $"PnL of {report.TraderId ?? "all traders"} from {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd} by {report.Granularity}"),
    };

    private static string HourLabel(int hour) => Components.Shared.Hours.Label(hour);

    public static string Signed(decimal eur) => eur == 0 ? "0.00" : eur.ToString("+#,##0.00;-#,##0.00", Invariant);

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

    private static string Csv(string[] header, IEnumerable<string[]> rows, string[] total) =>
        string.Join(Environment.NewLine, new[] { header }.Concat(rows).Append(total).Select(r => string.Join(',', r)));
}
