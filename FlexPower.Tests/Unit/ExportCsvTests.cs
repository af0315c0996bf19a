using System.Text;
using FlexPower.Core.Import;
using FlexPower.Core.Reports;

namespace FlexPower.Tests.Unit;

/// <summary>The rejected-row and report exports: no formula cells, numbers stay numbers.</summary>
public sealed class ExportCsvTests
{
    [Fact]
    public async Task RejectedRows_WithFormulaLikeText_AreNeutralised()
    {
        var rejections = new[]
        {
            new ImportRejection { Line = 2, Raw = "=cmd|' /C calc'!A0,1,1,buy", Reason = "price is not a whole number" },
            new ImportRejection { Line = 3, Raw = "@SUM(1+1),2", Reason = "-1 is not a valid hour" },
        };
        using var output = new MemoryStream();

        await RejectionCsv.WriteAsync(output, rejections.ToAsyncEnumerable(), TestContext.Current.CancellationToken);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n');
        Assert.Equal("line,reason,raw", lines[0]);
        Assert.Equal("2,price is not a whole number,\"'=cmd|' /C calc'!A0,1,1,buy\"", lines[1]);
        Assert.Equal("3,\"'-1 is not a valid hour\",\"'@SUM(1+1),2\"", lines[2]);
    }

    [Fact]
    public void DayReport_NegativePnl_StaysANumber()
    {
        var start = new DateTime(2023, 2, 28, 8, 0, 0, DateTimeKind.Utc);
        var report = new DayReport("trader_2", new DateOnly(2023, 2, 28), "day-ahead",
            [new HourPnl(9, 1, 57, 0, -44.46m, 57, 0, 0.78m, null, 100.00m, 5655.54m, start, start.AddHours(1), "09:00–10:00", 57, 0, 57)],
            new DayTotal(1, 57, 0, -44.46m, 57, 0, 0.78m, null, 5655.54m, 0), "PT60M");

        var csv = ReportCsv.ToText(output => ReportCsv.Write(output, report));

        Assert.Equal("hour,trade_count,buy_mw,sell_mw,pnl_eur,net_mw,matched_mw,buy_vwap_eur_mwh,sell_vwap_eur_mwh,ref_price_eur_mwh,mtm_eur,start,end,buy_mwh,sell_mwh,net_mwh\n" +
            "9 - 10,1,57,0,-44.46,57,0,0.78,,100.00,5655.54,2023-02-28T08:00:00Z,2023-02-28T09:00:00Z,57,0,57\nTotal,1,57,0,-44.46,57,0,0.78,,,5655.54,,,57,0,57\n", csv);
    }
}
