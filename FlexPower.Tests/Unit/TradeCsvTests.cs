using System.Text;
using FlexPower.Core.Trades;

namespace FlexPower.Tests.Unit;

public sealed class TradeCsvTests
{
    private static readonly RawTrade Valid = new("t_1", "120", "12", "sell", "2023-02-28", "14", "trader_1", "2023-02-28T11:12:35Z");

    private static async Task<string> ExportAsync(params RawTrade[] raws)
    {
        using var output = new MemoryStream();
        await TradeCsv.WriteAsync(output, raws.Select(r => TradeRules.Validate(r).Trade!).ToAsyncEnumerable());
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task Write_ExchangeLayout_QuotesOnlyWhereNeeded()
    {
        var csv = await ExportAsync(Valid with { Id = "a,\"b\"" });

        Assert.Equal("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time,delivery_start,delivery_end,product\n" +
                     "\"a,\"\"b\"\"\",120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z,2023-02-28T13:00:00Z,2023-02-28T14:00:00Z,\n", csv);
    }

    [Fact]
    public async Task Write_FormulaLikeIds_AreNeutralised_NegativePricesStayNumbers()
    {
        var csv = await ExportAsync(Valid with { Id = "=HYPERLINK(\"x\")", Price = "-500", TraderId = "@evil" }, Valid with { Id = "+1", TraderId = "-2" });

        var lines = csv.Split('\n');
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\",-500,12,sell,2023-02-28,14,\"'@evil\",2023-02-28T11:12:35Z,2023-02-28T13:00:00Z,2023-02-28T14:00:00Z,", lines[1]);
        Assert.Equal("\"'+1\",120,12,sell,2023-02-28,14,\"'-2\",2023-02-28T11:12:35Z,2023-02-28T13:00:00Z,2023-02-28T14:00:00Z,", lines[2]);
    }

    [Fact]
    public async Task Write_APeriod_WithItsProductAndDecimalQuantity_AndTheHourlyFieldsOfItsStart()
    {
        var quarter = Valid with { Quantity = "0.5", DeliveryDay = null, DeliveryHour = null, DeliveryStart = "2025-10-26T01:45:00Z", DeliveryEnd = "2025-10-26T02:00:00Z", Product = "XBID_Quarter_Hour_Power" };
        var formula = quarter with { Id = "t_2", Product = "=cmd" };

        var lines = (await ExportAsync(quarter, formula)).Split('\n');
        Assert.Equal("t_1,120,0.5,sell,2025-10-26,2,trader_1,2023-02-28T11:12:35Z,2025-10-26T01:45:00Z,2025-10-26T02:00:00Z,XBID_Quarter_Hour_Power", lines[1]);
        Assert.Equal("t_2,120,0.5,sell,2025-10-26,2,trader_1,2023-02-28T11:12:35Z,2025-10-26T01:45:00Z,2025-10-26T02:00:00Z,\"'=cmd\"", lines[2]);
    }
}
