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
        var report = new DayReport("trader_2", new DateOnly(2023, 2, 28), "day-ahead", [new HourPnl(9, 1, 57, 0, -44.46m, 57, 0, 0.78m, null, 100.00m, 5655.54m)],
            new DayTotal(1, 57, 0, -44.46m, 57, 0, 0.78m, null, 5655.54m, 0));

        var csv = ReportCsv.ToText(output => ReportCsv.Write(output, report));

        Assert.Equal("hour,trade_count,buy_mw,sell_mw,pnl_eur,net_mw,matched_mw,buy_vwap_eur_mwh,sell_vwap_eur_mwh,ref_price_eur_mwh,mtm_eur\n" +
            "9 - 10,1,57,0,-44.46,57,0,0.78,,100.00,5655.54\nTotal,1,57,0,-44.46,57,0,0.78,,,5655.54\n", csv);
    }
}
