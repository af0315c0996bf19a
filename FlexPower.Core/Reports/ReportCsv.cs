using System.Text;
using CsvHelper;
using FlexPower.Core.Common;

namespace FlexPower.Core.Reports;

/// <summary>The day and range reports as CSV, for the page's export and the terminal's --format csv alike.</summary>
public static class ReportCsv
{
    public static void Write(Stream output, DayReport report, bool hideEmpty = false)
    {
        using var csv = CsvExport.Create(output);
        csv.WriteHeader(new[] { "hour", "trade_count", "buy_mw", "sell_mw", "pnl_eur" }.AsSpan());
        foreach (var h in report.Hours.Where(h => !hideEmpty || h.TradeCount > 0))
            Row(csv, HourLabel.Of(h.Hour), h.TradeCount, h.BuyMw, h.SellMw, h.PnlEur);
        Row(csv, "Total", report.Total.TradeCount, report.Total.BuyMw, report.Total.SellMw, report.Total.PnlEur);
    }

    public static void Write(Stream output, RangeReport report)
    {
        using var csv = CsvExport.Create(output);
        csv.WriteHeader(new[] { "start", "trade_count", "buy_mw", "sell_mw", "pnl_eur", "cumulative_pnl_eur" }.AsSpan());
        foreach (var p in report.Periods)
        {
            Row(csv, p.Start.ToString("yyyy-MM-dd"), p.TradeCount, p.BuyMw, p.SellMw, p.PnlEur, end: false);
            csv.WriteField(p.CumulativePnlEur, "0.00");
            csv.EndRecord();
        }
        Row(csv, "Total", report.Total.TradeCount, report.Total.BuyMw, report.Total.SellMw, report.Total.PnlEur, end: false);
        csv.WriteField("");
        csv.EndRecord();
    }

    public static string ToText(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The file name of a range export: whose, which days, which periods.</summary>
    public static string FileName(RangeReport report) =>
        $"pnl_{report.TraderId ?? "desk"}_{report.From:yyyyMMdd}-{report.To:yyyyMMdd}_{report.Granularity}.csv";

    private static void Row(CsvWriter csv, string label, int trades, long buyMw, long sellMw, decimal pnlEur, bool end = true)
    {
        csv.WriteField(label);
        csv.WriteField(trades, default);
        csv.WriteField(buyMw, default);
        csv.WriteField(sellMw, default);
        csv.WriteField(pnlEur, "0.00");
        if (end) csv.EndRecord();
    }
}
