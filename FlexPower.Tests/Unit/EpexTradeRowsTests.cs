using System.Text;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Import;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Unit;

/// <summary>EPEX SPOT's continuous-trades export: each row as the <see cref="RawTrade"/> it becomes, and whole files through <see cref="TradeFileReader"/>.</summary>
public sealed class EpexTradeRowsTests
{
    private const string Header = "TradeId,RemoteTradeId,Side,Product,DeliveryStart,DeliveryEnd,ExecutionTime,DeliveryArea,TradePhase,UserDefinedBlock,SelfTrade,Price,Currency,Volume,VolumeUnit,OrderID";
    private const string FirstLine = "# EPEX SPOT Continuous Trades, DE, 2025-10-26";
    private static readonly Caller Manager = new("boss", true, null);

    /// <summary>A row of the export with its usual values, changed where a test says so.</summary>
    private static Dictionary<string, string> Row(params (string Column, string Value)[] changes)
    {
        var row = new Dictionary<string, string>
        {
            ["TradeId"] = "9100000001", ["Side"] = "BUY", ["Product"] = "XBID_Quarter_Hour_Power",
            ["DeliveryStart"] = "2025-10-26T01:15:00Z", ["DeliveryEnd"] = "2025-10-26T01:30:00Z", ["ExecutionTime"] = "2025-10-26T00:48:30.250Z",
            ["Price"] = "78.05", ["Currency"] = "EUR", ["Volume"] = "3.5", ["VolumeUnit"] = "MW",
        };
        foreach (var (column, value) in changes) row[column] = value;
        return row;
    }

    private static (RawTrade? Trade, string? Reason) Convert(Dictionary<string, string> row) =>
        new EpexTradeRows(i => row[EpexTradeRows.Columns[i]], "trader_1").Read();

    private static RawTrade Converted(params (string Column, string Value)[] changes)
    {
        var (trade, reason) = Convert(Row(changes));
        Assert.True(trade is not null, reason);
        return trade;
    }

    private static string Rejected(params (string Column, string Value)[] changes)
    {
        var (trade, reason) = Convert(Row(changes));
        Assert.Null(trade);
        return reason!;
    }

    [Fact]
    public void QuarterHourRow_BecomesTheUploadsTradersTrade_WithItsPeriodAndProduct_PriceInEurocent_AndNoDeliveryHour()
    {
        var trade = Converted();

        Assert.Equal(new RawTrade("9100000001", "7805", "3.5", "buy", null, null, "trader_1", "2025-10-26T00:48:30.250Z",
            "2025-10-26T01:15:00Z", "2025-10-26T01:30:00Z", "XBID_Quarter_Hour_Power"), trade);
    }

    [Theory]
    [InlineData("2025-10-26T01:15:00Z")]
    [InlineData("2025-10-26T01:15:00")]
    [InlineData("2025-10-26 01:15:00")]
    [InlineData("2025-10-26 01:15:00Z")]
    [InlineData("2025-10-26 01:15")]
    [InlineData("2025-10-26T03:15:00+02:00")]
    public void DeliveryTimes_WithTOrSpace_WithOrWithoutZ_AreNormalisedToRfc3339Utc(string start)
    {
        var trade = Converted(("DeliveryStart", start), ("DeliveryEnd", start.Replace("01:15", "01:30").Replace("03:15", "03:30")));

        Assert.Equal(("2025-10-26T01:15:00Z", "2025-10-26T01:30:00Z"), (trade.DeliveryStart, trade.DeliveryEnd));
    }

    [Theory]
    [InlineData("2025-10-26 00:48:30.250", "2025-10-26T00:48:30.250")]
    [InlineData("2025-10-26 00:48:30Z", "2025-10-26T00:48:30Z")]
    [InlineData("2025-10-26T00:48:30Z", "2025-10-26T00:48:30Z")]
    public void ExecutionTime_WithASpace_GetsItsT_AndTheTradeRulesReadItAsUtc(string sent, string given)
    {
        var trade = Converted(("ExecutionTime", sent));

        Assert.Equal(given, trade.ExecutionTime);
        Assert.True(TradeRules.TryParseExecutionTime(trade.ExecutionTime, out var utc));
        Assert.Equal(new DateTime(2025, 10, 26, 0, 48, 30, DateTimeKind.Utc), utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Theory]
    [InlineData("2025-10-26T00:00:00Z", "2025-10-26T01:00:00Z", "2025-10-26", "2")] // the first 02:00 of the autumn day: delivery hour 2
    [InlineData("2025-10-26T13:00:00Z", "2025-10-26T14:00:00Z", "2025-10-26", "14")] // winter time
    [InlineData("2025-03-30T01:00:00Z", "2025-03-30T02:00:00Z", "2025-03-30", "3")] // the spring day jumps from 02:00 to 03:00
    [InlineData("2025-10-25T22:00:00Z", "2025-10-25T23:00:00Z", "2025-10-26", "0")] // Berlin midnight is the day before in UTC
    public void HourRow_OnAWholeBerlinDeliveryHour_AlsoNamesItsDayAndHour(string start, string end, string day, string hour)
    {
        var trade = Converted(("DeliveryStart", start), ("DeliveryEnd", end), ("Product", "XBID_Hour_Power"));

        Assert.Equal((day, hour, start, end), (trade.DeliveryDay, trade.DeliveryHour, trade.DeliveryStart, trade.DeliveryEnd));
    }

    [Theory]
    [InlineData("2025-10-26T01:00:00Z", "2025-10-26T02:00:00Z")] // the autumn day's repeated 02:00 has no delivery hour of its own
    [InlineData("2025-10-26T02:30:00Z", "2025-10-26T03:00:00Z")] // a half-hour
    [InlineData("2025-10-26T13:15:00Z", "2025-10-26T14:15:00Z")] // an hour off the clock hour
    [InlineData("2025-10-26T06:00:00Z", "2025-10-26T10:00:00Z")] // a block
    [InlineData("2025-10-26T22:00:00Z", "2025-10-27T00:00:00Z")] // a block across Berlin midnight
    public void OtherPeriods_AreGivenOnlyAsTheirPeriod(string start, string end)
    {
        var trade = Converted(("DeliveryStart", start), ("DeliveryEnd", end));

        Assert.Equal((null, null, start, end), (trade.DeliveryDay, trade.DeliveryHour, trade.DeliveryStart, trade.DeliveryEnd));
    }

    [Theory]
    [InlineData("78.05", "7805")]
    [InlineData("78.5", "7850")]
    [InlineData("78", "7800")]
    [InlineData("0.01", "1")]
    [InlineData("-3.50", "-350")]
    [InlineData("+12.30", "1230")]
    [InlineData("9999.99", "999999")]
    [InlineData("1234.560", "123456")] // zeros past the cent change nothing
    [InlineData("0.29", "29")] // 0.29 × 100 is 28.999… in binary floating point
    [InlineData("1.13", "113")]
    public void Price_InEurMwhWithUpToTwoDecimals_IsExactEurocent(string sent, string cents) => Assert.Equal(cents, Converted(("Price", sent)).Price);

    [Theory]
    [InlineData("12.345")]
    [InlineData("12,34")]
    [InlineData("1e2")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("12.3.4")]
    [InlineData("NaN")]
    public void Price_NotADecimalWithAtMostTwoDecimals_IsRejectedNamingTheColumn(string sent) =>
        Assert.Equal($"Price must be a number of EUR/MWh with at most two decimals, e.g. 45.67 (got '{sent}').", Rejected(("Price", sent)));

    [Theory]
    [InlineData("3.5", "3.5")]
    [InlineData("12.0", "12")]
    [InlineData("12", "12")]
    [InlineData("0.1", "0.1")]
    [InlineData("100000.0", "100000")]
    [InlineData("7.50", "7.5")]
    public void Volume_InMwWithUpToOneDecimal_IsExact(string sent, string quantity) => Assert.Equal(quantity, Converted(("Volume", sent)).Quantity);

    [Theory]
    [InlineData("12.25")]
    [InlineData("0.05")]
    [InlineData("12 MW")]
    [InlineData("")]
    public void Volume_NotADecimalWithAtMostOneDecimal_IsRejectedNamingTheColumn(string sent) =>
        Assert.Equal($"Volume must be a number of MW with at most one decimal, e.g. 12.5 (got '{sent}').", Rejected(("Volume", sent)));

    [Fact]
    public void Currency_OtherThanEur_IsRejectedWithItsReason() =>
        Assert.Equal("Currency must be EUR (got 'GBP'): prices are kept in eurocent/MWh.", Rejected(("Currency", "GBP")));

    [Fact]
    public void VolumeUnit_OtherThanMw_IsRejectedWithItsReason() => Assert.Equal("VolumeUnit must be MW (got 'MWh').", Rejected(("VolumeUnit", "MWh")));

    [Theory]
    [InlineData("buy")]
    [InlineData("B")]
    [InlineData("")]
    public void Side_OtherThanBuyOrSell_IsRejected(string side) => Assert.Equal($"Side must be BUY or SELL (got '{side}').", Rejected(("Side", side)));

    [Fact]
    public void Side_SellIsASell() => Assert.Equal("sell", Converted(("Side", "SELL")).Direction);

    [Theory]
    [InlineData("DeliveryStart", "26.10.2025 01:15")]
    [InlineData("DeliveryEnd", "2025-10-26T25:00:00Z")]
    [InlineData("DeliveryStart", "")]
    public void DeliveryTime_ThatIsNoDateAndTime_IsRejectedNamingTheColumn(string column, string sent) =>
        Assert.Equal($"{column} must be a UTC date and time such as 2025-10-26T00:15:00Z or 2025-10-26 00:15:00 (got '{sent}').", Rejected((column, sent)));

    [Fact]
    public void EveryProblemOfARow_IsNamed() =>
        Assert.Equal("Currency must be EUR (got 'USD'): prices are kept in eurocent/MWh. VolumeUnit must be MW (got 'kW'). Side must be BUY or SELL (got 'x').",
            Rejected(("Currency", "USD"), ("VolumeUnit", "kW"), ("Side", "x")));

    [Fact]
    public void EmptyProduct_IsNoProduct() => Assert.Null(Converted(("Product", "")).Product);

    [Fact]
    public void ARowAfterARejectedOne_WithTheSamePeriod_IsReadAfresh()
    {
        var row = Row(("DeliveryStart", "2025-10-26T13:00:00Z"), ("DeliveryEnd", "2025-10-26T14:00:00Z"));
        var rows = new EpexTradeRows(i => row[EpexTradeRows.Columns[i]], "trader_1");
        Assert.NotNull(rows.Read().Trade);
        row["Currency"] = "GBP";
        Assert.Null(rows.Read().Trade);
        row["Currency"] = "EUR";
        row["DeliveryEnd"] = "2025-10-26T13:15:00Z";
        var quarter = rows.Read().Trade!;
        Assert.Equal(("2025-10-26T13:00:00Z", "2025-10-26T13:15:00Z", null), (quarter.DeliveryStart, quarter.DeliveryEnd, quarter.DeliveryHour));
    }

    [Fact]
    public void Sample_OfTheAutumnDay_ConvertsEveryRow_QuarterHalfHourHourAndBlock_TheRepeatedHourByItsPeriodOnly()
    {
        var lines = File.ReadAllLines(Path.Combine(Reference.RepositoryRoot, "docs", "samples", "Continuous_Trades-DE-20251026.csv"));
        var header = lines[1].Split(',');
        Assert.Equal(EpexTradeRows.Header, header);
        var converted = lines[2..].Select(line =>
        {
            var fields = line.Split(',');
            var (trade, reason) = new EpexTradeRows(i => fields[Array.IndexOf(header, EpexTradeRows.Columns[i])], "trader_1").Read();
            Assert.True(trade is not null, reason);
            return (trade.DeliveryStart, trade.DeliveryEnd, trade.DeliveryDay, trade.DeliveryHour, trade.Product, trade.Price, trade.Quantity);
        }).ToList();

        Assert.Equal(
        [
            ("2025-10-25T22:00:00Z", "2025-10-25T22:15:00Z", null, null, "XBID_Quarter_Hour_Power", "8540", "5"),
            ("2025-10-26T00:15:00Z", "2025-10-26T00:30:00Z", null, null, "XBID_Quarter_Hour_Power", "9215", "2.5"),
            ("2025-10-26T01:15:00Z", "2025-10-26T01:30:00Z", null, null, "XBID_Quarter_Hour_Power", "7805", "3"), // in the repeated 02:00
            ("2025-10-26T02:30:00Z", "2025-10-26T03:00:00Z", null, null, "XBID_Half_Hour_Power", "7050", "10"),
            ("2025-10-26T00:00:00Z", "2025-10-26T01:00:00Z", "2025-10-26", "2", "XBID_Hour_Power", "8800", "12"), // the first 02:00
            ("2025-10-26T01:00:00Z", "2025-10-26T02:00:00Z", null, null, "XBID_Hour_Power", "8125", "7.5"), // the repeated 02:00
            ("2025-10-26T13:00:00Z", "2025-10-26T14:00:00Z", "2025-10-26", "14", "XBID_Hour_Power", "9510", "20"),
            ("2025-10-26T06:00:00Z", "2025-10-26T10:00:00Z", null, null, "Intraday_Block_Power", "10199", "4"),
            ("2025-10-26T22:00:00Z", "2025-10-27T00:00:00Z", null, null, "Intraday_Block_Power", "-350", "1.5"), // across Berlin midnight
        ], converted);
    }

    // Whole files: the header is found on the first or second line, and whole Berlin hours store as the rules take them today.

    private static string Line(string id, string side, string start, string end, string price, string volume, string currency = "EUR") =>
        $"{id},,{side},XBID_Hour_Power,{start},{end},2025-10-25T21:00:00.123Z,10YDE-RWENET---I,CONT,N,N,{price},{currency},{volume},MW,7{id}";

    private static readonly string HourRows = string.Join("\n",
        Line("101", "BUY", "2025-10-26T00:00:00Z", "2025-10-26T01:00:00Z", "88.00", "12.0"),
        Line("102", "SELL", "2025-10-26 13:00:00", "2025-10-26 14:00:00", "95.10", "20"),
        Line("103", "SELL", "2025-10-26T14:00:00Z", "2025-10-26T15:00:00Z", "95.10", "20", currency: "GBP")) + "\n";

    private static List<(int Line, Trade? Trade, string? Reason)> ReadAll(string text, string? trader = "trader_1", Caller? caller = null)
    {
        Assert.True(TradeFileReader.TryOpen(new MemoryStream(Encoding.UTF8.GetBytes(text)), caller ?? Manager, trader, 64 * 1024, out var reader, out var problem), problem);
        var rows = new List<(int, Trade?, string?)>();
        using (reader)
        {
            Assert.True(reader.IsEpexExport || !text.Contains("TradeId"));
            while (reader.Read()) rows.Add((reader.Line, reader.Trade, reader.Reason));
        }
        return rows;
    }

    private static string HeaderProblem(string text, string? trader = "trader_1")
    {
        Assert.False(TradeFileReader.TryOpen(new MemoryStream(Encoding.UTF8.GetBytes(text)), Manager, trader, 64 * 1024, out _, out var problem));
        return problem;
    }

    [Theory]
    [InlineData(FirstLine + "\n")]
    [InlineData("\"Continuous Trades\",\"DE\",\"2025-10-26\"\r\n")]
    [InlineData("# a first line \"with a stray quote\n")]
    [InlineData("")]
    public void Export_WithItsHeaderOnTheFirstOrSecondLine_ImportsItsRows_AsTheUploadsTrader(string firstLine)
    {
        var rows = ReadAll(firstLine + Header + "\n" + HourRows);

        var shift = firstLine.Length == 0 ? 0 : 1;
        Assert.Equal([2 + shift, 3 + shift, 4 + shift], rows.Select(r => r.Line));
        var first = rows[0].Trade!;
        Assert.Equal(("101", 8800L, 120L, TradeDirection.Buy, new DateOnly(2025, 10, 26), 2, "trader_1"),
            (first.Id, first.Price, first.QuantityTenths, first.Direction, first.DeliveryDay, first.DeliveryHour, first.TraderId));
        Assert.Equal((new DateTime(2025, 10, 26, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 10, 26, 1, 0, 0, DateTimeKind.Utc)), (first.DeliveryStartUtc, first.DeliveryEndUtc));
        Assert.Equal(new DateTime(2025, 10, 25, 21, 0, 0, 123, DateTimeKind.Utc), first.ExecutionTimeUtc);
        Assert.Equal((TradeDirection.Sell, 14, 9510L, 200L), (rows[1].Trade!.Direction, rows[1].Trade!.DeliveryHour, rows[1].Trade!.Price, rows[1].Trade!.QuantityTenths));
        Assert.Equal("Currency must be EUR (got 'GBP'): prices are kept in eurocent/MWh.", rows[2].Reason);
    }

    [Fact]
    public void Export_ColumnsInAnyOrderAndCase_AreFoundByName()
    {
        var rows = ReadAll("volumeunit,VOLUME,currency,price,executiontime,deliveryend,deliverystart,product,side,tradeid\n"
            + "MW,1.0,EUR,50.5,2025-10-26T12:00:00Z,2025-10-26T14:00:00Z,2025-10-26T13:00:00Z,XBID_Hour_Power,BUY,77\n");

        Assert.Equal(("77", 5050L, 14), (rows[0].Trade!.Id, rows[0].Trade!.Price, rows[0].Trade!.DeliveryHour));
    }

    [Fact]
    public void Export_WithoutATrader_CannotBeRead_AndSaysHowToNameOne() =>
        Assert.Equal("The file is EPEX SPOT's continuous-trades export, which names no trader: say whose trades it holds (trader_id on the API, --trader on the command line, "
            + "the Trader field on the Imports page, or an inbox file named Continuous_Trades-<area>-<date>-<trader_id>.csv).", HeaderProblem(FirstLine + "\n" + Header + "\n" + HourRows, trader: null));

    [Fact]
    public void Export_LackingAColumnItReadsFrom_NamesIt() =>
        Assert.StartsWith("The file has the header of EPEX SPOT's continuous-trades export but lacks its column(s) Currency, VolumeUnit: expected TradeId,RemoteTradeId,",
            HeaderProblem(FirstLine + "\n" + Header.Replace(",Currency", "").Replace(",VolumeUnit", "") + "\n"));

    [Fact]
    public void Export_AfterTwoLinesOfPreamble_IsNotFound_AndTheProblemNamesBothFormats()
    {
        var problem = HeaderProblem(FirstLine + "\n" + FirstLine + "\n" + Header + "\n");

        Assert.Contains("missing required column(s) id, price", problem);
        Assert.Contains("or, on the first or second line, be the header of EPEX SPOT's continuous-trades export: " + Header, problem);
    }

    [Fact]
    public void Export_RowWithTheWrongNumberOfColumns_IsRejectedOnItsOwn()
    {
        var rows = ReadAll(Header + "\n101,,BUY\n" + HourRows);

        Assert.Equal("expected 16 columns like the header, got 3", rows[0].Reason);
        Assert.Equal("101", rows[1].Trade!.Id);
    }

    [Fact]
    public void Export_UploadedByATrader_IsTheirs()
    {
        var trader = new Caller("tom", false, "trader_7");

        var rows = ReadAll(FirstLine + "\n" + Header + "\n" + HourRows, trader.UploadTrader(null), trader);

        Assert.Equal(["trader_7", "trader_7"], rows.Where(r => r.Trade is not null).Select(r => r.Trade!.TraderId));
    }

    [Fact]
    public void ExchangeFile_ForANamedTrader_RejectsRowsOfAnotherTrader_WithTheReason()
    {
        var rows = ReadAll("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\n"
            + "a,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z\nb,120,12,sell,2023-02-28,14,trader_2,2023-02-28T11:12:35Z\n");

        Assert.Equal("a", rows[0].Trade!.Id);
        Assert.Equal("trader_id 'trader_2' is not the trader this upload is for ('trader_1'): upload each trader's rows on their own, or name no trader", rows[1].Reason);
    }

    [Fact]
    public void ExchangeFile_WithoutANamedTrader_TakesEveryRowsTrader()
    {
        var rows = ReadAll("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\n"
            + "a,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z\nb,120,12,sell,2023-02-28,14,trader_2,2023-02-28T11:12:35Z\n", trader: null);

        Assert.Equal(["trader_1", "trader_2"], rows.Select(r => r.Trade!.TraderId));
    }

    // Who an upload is for: decided by the caller.

    [Fact]
    public void UploadTrader_OfATrader_IsTheirOwn_NamedOrNot()
    {
        var tom = new Caller("tom", false, "trader_1");
        Assert.Equal("trader_1", tom.UploadTrader(null));
        Assert.Equal("trader_1", tom.UploadTrader(" trader_1 "));
    }

    [Fact]
    public void UploadTrader_NamingAnotherTrader_IsForbiddenToATrader() =>
        Assert.Equal("A Trader's upload holds their own trades: trader_id 'trader_2' is not yours ('trader_1').",
            Assert.Throws<ForbiddenException>(() => new Caller("tom", false, "trader_1").UploadTrader("trader_2")).Message);

    [Fact]
    public void UploadTrader_OfAManager_IsWhomTheyName_OrNobody()
    {
        Assert.Equal("trader_9", Manager.UploadTrader("trader_9"));
        Assert.Null(Manager.UploadTrader(null));
        Assert.Null(Manager.UploadTrader("  "));
    }

    [Fact]
    public void UploadTrader_TooLongOrWithControlCharacters_IsRefused()
    {
        Assert.Equal("trader_id must be at most 64 characters (got 65).", Assert.Throws<ValidationFailedException>(() => Manager.UploadTrader(new string('t', 65))).Message);
        Assert.Contains("trader_id", Assert.Throws<ValidationFailedException>(() => Manager.UploadTrader("trader\u0001")).Message);
    }

    // The inbox's name for an export: the exchange's name with the trader appended.

    [Theory]
    [InlineData("Continuous_Trades-DE-20251026-trader_1.csv", true, "trader_1")]
    [InlineData("Continuous_Trades-DE-20251026-desk-north.csv", true, "desk-north")]
    [InlineData("Continuous_Trades-AT-20251026.csv", true, null)]
    [InlineData("Continuous_Trades-DE-20251332-trader_1.csv", false, null)]
    [InlineData("Continuous_Trades-DE-2025-10-26-trader_1.csv", false, null)]
    [InlineData("continuous_trades-DE-20251026-trader_1.csv", false, null)]
    [InlineData("Continuous_Trades-DE-20251026-trader_1.csv.part", false, null)]
    [InlineData("epex_trades_20251026.csv", false, null)]
    public void InboxName_OfAnExport_NamesItsTrader(string name, bool isExport, string? trader)
    {
        Assert.Equal(isExport, ImportInbox.EpexExportTrader(name, out var named));
        if (isExport) Assert.Equal(trader, named);
    }
}
