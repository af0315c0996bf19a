using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using FlexPower.Core.Import;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>
/// EPEX SPOT's continuous-trades export through the API, the inbox and the command line, with the trader the upload names.
/// Its rows here are whole Berlin delivery hours (the autumn day's first 02:00 and a winter-time 14:00), which today's
/// trades table stores; a row in another currency is rejected with its reason.
/// </summary>
public abstract class EpexImportTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Export = """
        # EPEX SPOT Continuous Trades, DE, 2025-10-26 (times in UTC)
        TradeId,RemoteTradeId,Side,Product,DeliveryStart,DeliveryEnd,ExecutionTime,DeliveryArea,TradePhase,UserDefinedBlock,SelfTrade,Price,Currency,Volume,VolumeUnit,OrderID
        9100000005,9200000005,BUY,XBID_Hour_Power,2025-10-26T00:00:00Z,2025-10-26T01:00:00Z,2025-10-25T22:30:00.000Z,10YDE-VE-------2,CONT,N,N,88.00,EUR,12.0,MW,71000000005
        9100000007,,SELL,XBID_Hour_Power,2025-10-26 13:00:00,2025-10-26 14:00:00,2025-10-26 11:20:05,10YDE-ENBW-----N,CONT,N,N,95.1,EUR,20,MW,71000000007
        9100000010,,SELL,XBID_Hour_Power,2025-10-26T15:00:00Z,2025-10-26T16:00:00Z,2025-10-26T11:21:00Z,10YGB----------A,CONT,N,N,80.00,GBP,5.0,MW,71000000010

        """;

    private static readonly byte[] ExportBytes = Encoding.UTF8.GetBytes(Export.ReplaceLineEndings("\n"));
    private static readonly byte[] ExchangeSample = File.ReadAllBytes(Reference.File("trades", "epex_trades_20230220.csv"));

    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        factory = new FlexPowerFactory(database);
        manager = factory.CreateApiClient();
        (await manager.PostAsJsonAsync("/v1/users", new { user_name = "tom", password = "Trader-Passw0rd!", role = "Trader", trader_id = "trader_1" })).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    private static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("text/csv");
        return content;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<List<(string? Id, long Price, string? Direction, string? Day, int Hour, string? Trader, string? ExecutionTime)>> TradesAsync(string query = "")
    {
        var trades = await JsonAsync(await manager.GetAsync("/v1/trades" + query, TestContext.Current.CancellationToken));
        return [.. trades.EnumerateArray().Select(t => (t.GetProperty("id").GetString(), t.GetProperty("price").GetInt64(), t.GetProperty("direction").GetString(),
            t.GetProperty("delivery_day").GetString(), t.GetProperty("delivery_hour").GetInt32(), t.GetProperty("trader_id").GetString(), t.GetProperty("execution_time").GetString()))];
    }

    private static void AssertTheExportsHoursAreStoredFor(string trader, List<(string? Id, long Price, string? Direction, string? Day, int Hour, string? Trader, string? ExecutionTime)> trades) =>
        Assert.Equal(
        [
            ("9100000005", 8800L, "buy", "2025-10-26", 2, trader, "2025-10-25T22:30:00Z"),
            ("9100000007", 9510L, "sell", "2025-10-26", 14, trader, "2025-10-26T11:20:05Z"),
        ], trades.OrderBy(t => t.Id));

    [Fact]
    public async Task Api_ExportWithTraderId_StoresItsRowsAsThatTrader_AndRejectsTheRowInAnotherCurrency()
    {
        var result = await JsonAsync(await manager.PostAsync("/v1/trades/import?file_name=Continuous_Trades-DE-20251026.csv&trader_id=trader_2", Csv(ExportBytes),
            TestContext.Current.CancellationToken));

        Assert.Equal(("imported", 3, 2), (result.GetProperty("status").GetString(), result.GetProperty("rows").GetInt32(), result.GetProperty("inserted").GetInt32()));
        var rejected = Assert.Single(result.GetProperty("rejected").EnumerateArray());
        Assert.Equal(5, rejected.GetProperty("line").GetInt32());
        Assert.Equal("Currency must be EUR (got 'GBP'): prices are kept in eurocent/MWh.", rejected.GetProperty("reason").GetString());
        AssertTheExportsHoursAreStoredFor("trader_2", await TradesAsync("?trader_id=trader_2"));
        Assert.Empty(await TradesAsync("?trader_id=trader_1"));
        var line = Assert.Single((await JsonAsync(await manager.GetAsync("/v1/imports", TestContext.Current.CancellationToken))).EnumerateArray());
        Assert.Equal("EPEX SPOT continuous-trades export: trades of trader_2.", line.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Api_ExportAsMultipartUploadWithTraderId_IsReadTheSameWay()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(ExportBytes), "file", "Continuous_Trades-DE-20251026.csv" } };

        var result = await JsonAsync(await manager.PostAsync("/v1/trades/import?trader_id=trader_2", form, TestContext.Current.CancellationToken));

        Assert.Equal(2, result.GetProperty("inserted").GetInt32());
        AssertTheExportsHoursAreStoredFor("trader_2", await TradesAsync());
    }

    [Fact]
    public async Task Api_ExportFromAManagerNamingNoTrader_Is400SayingSo_AndStoresNothing()
    {
        var response = await manager.PostAsync("/v1/trades/import?file_name=Continuous_Trades-DE-20251026.csv", Csv(ExportBytes), TestContext.Current.CancellationToken);

        Assert.StartsWith("The file is EPEX SPOT's continuous-trades export, which names no trader: say whose trades it holds (trader_id on the API",
            await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
        Assert.Empty(await TradesAsync());
    }

    [Fact]
    public async Task Api_TraderUploadingAnExport_ImportsItAsTheirOwn_NamedOrNot()
    {
        var tom = factory.CreateApiClient("tom", "Trader-Passw0rd!");

        var result = await JsonAsync(await tom.PostAsync("/v1/trades/import", Csv(ExportBytes), TestContext.Current.CancellationToken));
        var again = await JsonAsync(await tom.PostAsync("/v1/trades/import?trader_id=trader_1&force=true", Csv(ExportBytes), TestContext.Current.CancellationToken));

        Assert.Equal((2, 0, 2), (result.GetProperty("inserted").GetInt32(), again.GetProperty("inserted").GetInt32(), again.GetProperty("duplicates").GetInt32()));
        AssertTheExportsHoursAreStoredFor("trader_1", await TradesAsync());
    }

    [Fact]
    public async Task Api_TraderNamingAnotherTrader_Is403_AndStoresNothing()
    {
        var tom = factory.CreateApiClient("tom", "Trader-Passw0rd!");

        var export = await tom.PostAsync("/v1/trades/import?trader_id=trader_2", Csv(ExportBytes), TestContext.Current.CancellationToken);
        var exchange = await tom.PostAsync("/v1/trades/import?trader_id=trader_2", Csv(ExchangeSample), TestContext.Current.CancellationToken);

        Assert.Equal("A Trader's upload holds their own trades: trader_id 'trader_2' is not yours ('trader_1').", await ApiAssert.ErrorAsync(export, HttpStatusCode.Forbidden));
        await ApiAssert.ErrorAsync(exchange, HttpStatusCode.Forbidden);
        Assert.Empty(await TradesAsync());
        Assert.Equal(0, (await JsonAsync(await manager.GetAsync("/v1/imports", TestContext.Current.CancellationToken))).GetArrayLength());
    }

    [Fact]
    public async Task Api_BadTraderId_Is400NamingIt()
    {
        var response = await manager.PostAsync($"/v1/trades/import?trader_id={new string('t', 65)}", Csv(ExportBytes), TestContext.Current.CancellationToken);

        Assert.Equal("trader_id must be at most 64 characters (got 65).", await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Api_ExchangeFileWithTraderId_StoresThatTradersRows_AndRejectsTheOthersWithTheReason()
    {
        var result = await JsonAsync(await manager.PostAsync("/v1/trades/import?trader_id=trader_1", Csv(ExchangeSample), TestContext.Current.CancellationToken));

        Assert.Equal((1, 2), (result.GetProperty("inserted").GetInt32(), result.GetProperty("rejected_count").GetInt32()));
        Assert.All(result.GetProperty("rejected").EnumerateArray(), r => Assert.EndsWith("is not the trader this upload is for ('trader_1'): upload each trader's rows on their own, or name no trader",
            r.GetProperty("reason").GetString()));
        Assert.Equal(["trader_1"], (await TradesAsync()).Select(t => t.Trader));
        Assert.Equal("Uploaded for trader_1: rows of another trader_id are rejected.", result.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Inbox_ExportNamedWithItsTrader_IsThatTradersTrades_AndOneNamingNoTraderGoesToFailedWithTheReason()
    {
        await using var host = await CoreHost.StartAsync(provider: provider);
        var inbox = host.Get<ImportInbox>();
        Directory.CreateDirectory(inbox.Options.InboxDirectory);
        await File.WriteAllBytesAsync(Path.Combine(inbox.Options.InboxDirectory, "Continuous_Trades-DE-20251026-trader_3.csv"), ExportBytes, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(inbox.Options.InboxDirectory, "Continuous_Trades-DE-20251027.csv"), ExportBytes.Concat("\n"u8.ToArray()).ToArray(),
            TestContext.Current.CancellationToken);

        var tooLong = $"Continuous_Trades-DE-20251028-{new string('t', 65)}.csv";
        await File.WriteAllBytesAsync(Path.Combine(inbox.Options.InboxDirectory, tooLong), ExportBytes, TestContext.Current.CancellationToken);

        await inbox.ScanAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(Path.Combine(inbox.Options.ArchiveDirectory, "Continuous_Trades-DE-20251026-trader_3.csv")));
        Assert.True(File.Exists(Path.Combine(inbox.Options.FailedDirectory, "Continuous_Trades-DE-20251027.csv")));
        Assert.True(File.Exists(Path.Combine(inbox.Options.FailedDirectory, tooLong)));
        var boss = new Caller("boss", true, null);
        var ledger = await host.Get<ImportService>().ListAsync(boss, cancellationToken: TestContext.Current.CancellationToken);
        var failed = ledger.Where(l => l.Status == ImportStatus.Failed).ToDictionary(l => l.FileName, l => l.Message);
        Assert.StartsWith("The file is EPEX SPOT's continuous-trades export, which names no trader", failed["Continuous_Trades-DE-20251027.csv"]);
        Assert.EndsWith("does not name a trader id after its date: trader_id must be at most 64 characters (got 65). Nothing was read.", failed[tooLong]);
        var imported = Assert.Single(ledger, l => l.Status == ImportStatus.Imported);
        Assert.Equal((3, 2, 1), (imported.Rows, imported.Inserted, imported.Rejected));
        var totals = await host.Get<TradeService>().GetTotalsAsync(boss, new TradeFilter { TraderId = "trader_3" }, TestContext.Current.CancellationToken);
        Assert.Equal(2, totals.TradeCount);
    }

    [Fact]
    public async Task CommandLine_ExportWithTrader_IsThatTradersTrades_AndWithoutOne_ExitsOneSayingSo()
    {
        var file = Path.Combine(database.Directory, "Continuous_Trades-DE-20251026.csv");
        await File.WriteAllBytesAsync(file, ExportBytes, TestContext.Current.CancellationToken);

        var (refused, _, why) = await AppProcess.RunCommandAsync(database, "import", file);
        var (badTrader, _, badWhy) = await AppProcess.RunCommandAsync(database, "import", file, "--trader", "trader\u0007");
        var (exit, output, error) = await AppProcess.RunCommandAsync(database, "import", file, "--trader", "trader_3");

        Assert.Equal(1, refused);
        Assert.Contains("which names no trader", why);
        Assert.Equal(2, badTrader);
        Assert.StartsWith("error: --trader: trader_id", badWhy);
        Assert.True(exit == 0, output + error);
        Assert.Contains("rows 3, inserted 2, duplicates 0, rejected 1", output);
        Assert.Contains("line 5: Currency must be EUR (got 'GBP')", output);
        AssertTheExportsHoursAreStoredFor("trader_3", await TradesAsync());
    }
}

public sealed class EpexImportTests_Sqlite() : EpexImportTests(DatabaseProvider.Sqlite);

public sealed class EpexImportTests_Postgres() : EpexImportTests(DatabaseProvider.Postgres);
