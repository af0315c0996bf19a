using System.Text;
using CsvHelper;
using FlexPower.Core.Common;

namespace FlexPower.Core.Reports;

/// <summary>The day and range reports as CSV, for the page's export and the terminal's --format csv alike. An empty field is "no value" (no price, no VWAP).</summary>
public static class ReportCsv
{
    public static void Write(Stream output, DayReport report, bool hideEmpty = false)
    {
        using var csv = CsvExport.Create(output);
        csv.WriteHeader(new[]
        {
            "hour", "trade_count", "buy_mw", "sell_mw", "pnl_eur", "net_mw", "matched_mw", "buy_vwap_eur_mwh", "sell_vwap_eur_mwh", "ref_price_eur_mwh", "mtm_eur",
            "start", "end", "buy_mwh", "sell_mwh", "net_mwh",
        }.AsSpan());
        foreach (var h in report.Hours.Where(h => !hideEmpty || !h.IsEmpty()))
        {
            Sums(csv, h.DeskLabel(report.Resolution), h.TradeCount, h.BuyMw, h.SellMw, h.PnlEur);
            csv.WriteField(h.NetMw, default);
            csv.WriteField(h.MatchedMw, default);
            Amounts(csv, h.BuyVwapEurMwh, h.SellVwapEurMwh, h.RefPriceEurMwh, h.MtmEur);
            csv.WriteField(Instant(h.Start));
            csv.WriteField(Instant(h.End));
            Energy(csv, h.BuyMwh, h.SellMwh, h.NetMwh);
        }
        var t = report.Total;
        Sums(csv, "Total", t.TradeCount, t.BuyMw, t.SellMw, t.PnlEur);
        csv.WriteField(t.NetMw, default);
        csv.WriteField(t.MatchedMw, default);
        Amounts(csv, t.BuyVwapEurMwh, t.SellVwapEurMwh, null, t.MtmEur);
        csv.WriteField("");
        csv.WriteField("");
        Energy(csv, t.BuyMw, t.SellMw, t.NetMw);
    }

    public static void Write(Stream output, RangeReport report)
    {
        using var csv = CsvExport.Create(output);
        csv.WriteHeader(new[] { "start", "trade_count", "buy_mw", "sell_mw", "pnl_eur", "cumulative_pnl_eur", "net_mw", "mtm_eur", "hours_without_price" }.AsSpan());
        foreach (var p in report.Periods)
        {
            Sums(csv, DayFormat.Of(p.Start), p.TradeCount, p.BuyMw, p.SellMw, p.PnlEur);
            csv.WriteField(p.CumulativePnlEur, "0.00");
            Position(csv, p.NetMw, p.MtmEur, p.HoursWithoutPrice);
        }
        var t = report.Total;
        Sums(csv, "Total", t.TradeCount, t.BuyMw, t.SellMw, t.PnlEur);
        csv.WriteField("");
        Position(csv, t.NetMw, t.MtmEur, t.HoursWithoutPrice);
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

    private static string Instant(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static void Energy(CsvWriter csv, decimal buyMwh, decimal sellMwh, decimal netMwh)
    {
        csv.WriteField(buyMwh, default);
        csv.WriteField(sellMwh, default);
        csv.WriteField(netMwh, default);
        csv.EndRecord();
    }

    private static void Sums(CsvWriter csv, string label, int trades, decimal buyMw, decimal sellMw, decimal pnlEur)
    {
        csv.WriteField(label);
        csv.WriteField(trades, default);
        csv.WriteField(buyMw, default);
        csv.WriteField(sellMw, default);
        csv.WriteField(pnlEur, "0.00");
    }

    private static void Position(CsvWriter csv, decimal netMw, decimal? mtmEur, int hoursWithoutPrice)
    {
        csv.WriteField(netMw, default);
        Amounts(csv, mtmEur);
        csv.WriteField(hoursWithoutPrice, default);
        csv.EndRecord();
    }

    private static void Amounts(CsvWriter csv, params decimal?[] amounts)
    {
        foreach (var amount in amounts)
            if (amount is { } value) csv.WriteField(value, "0.00");
            else csv.WriteField("");
    }
}
