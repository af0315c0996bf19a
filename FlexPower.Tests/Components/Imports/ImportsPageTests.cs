using System.Text;
using Bunit;
using FlexPower.Core.Import;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Imports;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace FlexPower.Tests.Components.Imports;

public sealed class ImportsPageTests
{
    private const string Header = "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time";

    [Fact]
    public async Task History_ShowsCountsWithThousandsSeparators_AndTheStatusUnclipped()
    {
        await using var core = await CoreHost.StartAsync();
        var rows = Enumerable.Range(1, 2_820).Select(i => $"big-{i},100,1,buy,2026-11-27,{i % 24},trader_1,2026-11-27T00:00:00Z");
        await using (var file = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows]))))
            await core.Get<ImportService>().ImportAsync(file, new ImportRequest("epex_trades_20261127.csv", ImportSource.Api, PageTesting.Manager), cancellationToken: Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();

        var page = context.Render<Web.Features.Imports.Imports>();

        page.WaitForAssertion(() => Assert.Contains("epex_trades_20261127.csv", page.Find("#import-history tbody").TextContent));
        var cells = page.Find("#import-history tbody tr").Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("2,820", cells);
        Assert.Contains("imported", cells);
        Assert.Contains("fp-status-chip", page.Find("#import-history .mud-chip").ClassList);
    }

    [Fact]
    public async Task ATradersUpload_ImportsTheirRows_RejectsOthers_AndShowsSummaryAndHistory()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("ben", "trader_2");
        var page = context.Render<Web.Features.Imports.Imports>();
        Assert.Contains("only rows of trader_2 are accepted", page.Find("#import-dropzone").TextContent);
        Assert.Equal("No imports yet.", page.Find("#import-history-empty").TextContent.Trim()); // outside the wide grid, so a phone sees it
        Assert.Empty(page.FindAll("#import-history"));
        var csv = string.Join("\n", Header,
            "up-1,12000,12,sell,2026-11-27,14,trader_2,2026-11-27T11:12:35Z",
            "up-2,7800,57,buy,2026-11-27,9,trader_1,2026-11-27T07:45:12Z");

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "epex_trades_20261127.csv"));

        page.WaitForAssertion(() => Assert.Equal("imported", page.Find("#import-status").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("1", page.FindAll("#import-summary .fp-kpi").Single(k => k.TextContent.Contains("Inserted")).QuerySelector(".fp-kpi-value")!.TextContent);
        var rejected = page.Find("#rejected-grid tbody tr").Children;
        Assert.Equal("3", rejected[0].TextContent.Trim());
        Assert.Contains("trader_id 'trader_1' is not yours", rejected[1].TextContent);
        Assert.Equal("up-2,7800,57,buy,2026-11-27,9,trader_1,2026-11-27T07:45:12Z", rejected[1].QuerySelector("code")!.TextContent); // the line itself, as in the CSV download
        Assert.Empty(page.FindAll("#import-history-empty"));
        Assert.Contains("epex_trades_20261127.csv", page.Find("#import-history").TextContent);
        Assert.Contains("100", page.Find("#import-progress").TextContent);
    }

    [Fact]
    public async Task AFileWithoutAHeader_ExplainsWhy_AndImportsNothing()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Render<Web.Features.Imports.Imports>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("just,some,words\n1,2,3", "notes.csv"));

        page.WaitForAssertion(() => Assert.Contains("price", page.Find("#import-error").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("#import-summary"));
    }

    private const string Export = "# EPEX SPOT Continuous Trades, DE, 2025-10-26\n"
        + "TradeId,RemoteTradeId,Side,Product,DeliveryStart,DeliveryEnd,ExecutionTime,DeliveryArea,TradePhase,UserDefinedBlock,SelfTrade,Price,Currency,Volume,VolumeUnit,OrderID\n"
        + "9100000007,,SELL,XBID_Hour_Power,2025-10-26T13:00:00Z,2025-10-26T14:00:00Z,2025-10-26T11:20:05Z,10YDE-ENBW-----N,CONT,N,N,95.10,EUR,20.0,MW,71000000007\n";

    [Fact]
    public async Task AManager_PicksTheTraderOfAnEpexExport_AndItsRowsAreThatTradersTrades()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Render<Web.Features.Imports.Imports>();
        var trader = page.FindComponent<MudAutocomplete<string>>();
        Assert.Equal("import-trader", trader.Instance.UserAttributes["id"]);

        await page.InvokeAsync(() => trader.Instance.ValueChanged.InvokeAsync("trader_3"));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Export, "Continuous_Trades-DE-20251026.csv"));

        page.WaitForAssertion(() => Assert.Equal("imported", page.Find("#import-status").TextContent), TimeSpan.FromSeconds(10));
        var totals = await core.Get<TradeService>().GetTotalsAsync(PageTesting.Manager, new TradeFilter(TraderId: "trader_3"), Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(1, totals.TradeCount);
    }

    [Fact]
    public async Task AManager_UploadingAnEpexExportWithoutATrader_IsToldToPickOne()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager();
        var page = context.Render<Web.Features.Imports.Imports>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Export, "Continuous_Trades-DE-20251026.csv"));

        page.WaitForAssertion(() => Assert.Contains("the Trader field on the Imports page", page.Find("#import-error").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ATrader_HasNoTraderPicker_AndTheirEpexExportIsTheirs()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("ben", "trader_2");
        var page = context.Render<Web.Features.Imports.Imports>();
        Assert.Empty(page.FindAll("#import-trader"));
        Assert.Contains("or an EPEX SPOT continuous-trades export (its rows become trader_2's)", page.Find("#import-dropzone").TextContent);

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Export, "Continuous_Trades-DE-20251026.csv"));

        page.WaitForAssertion(() => Assert.Equal("imported", page.Find("#import-status").TextContent), TimeSpan.FromSeconds(10));
        var totals = await core.Get<TradeService>().GetTotalsAsync(PageTesting.Manager, new TradeFilter(TraderId: "trader_2"), Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(1, totals.TradeCount);
    }
}
