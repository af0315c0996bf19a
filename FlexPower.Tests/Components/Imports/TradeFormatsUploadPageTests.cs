using System.Globalization;
using Bunit;
using FlexPower.Core.Data;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace FlexPower.Tests.Components.Imports;

/// <summary>
/// The Imports page's upload of each trade-file format on both providers (ImportsPageTests covers the page's other
/// behaviour on SQLite): issue 19's extended exchange CSV with the summary's counts, the off-grid row rejected with its
/// reason and the trades stored with their periods and products; EPEX SPOT's export for the trader picked; the hourly file.
/// </summary>
public abstract class TradeFormatsUploadPageTests(DatabaseProvider provider) : IAsyncLifetime
{
    private CoreHost core = default!;
    private BunitContext context = default!;

    private static CancellationToken Token => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        core = await CoreHost.StartAsync(provider: provider);
        context = new BunitContext();
        context.UseFlexPower(core);
    }

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        await core.DisposeAsync();
    }

    private async Task<IRenderedComponent<Web.Features.Imports.Imports>> UploadAsync(string? trader = null, string? path = null)
    {
        var page = context.Render<Web.Features.Imports.Imports>();
        Assert.Contains("delivery_start, delivery_end and product may give a period of whole quarter-hours in place of the day and hour", page.Find("#import-dropzone").TextContent);
        if (trader is not null)
        {
            var picker = page.FindComponent<MudAutocomplete<string>>();
            await page.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync(trader));
        }
        var file = path is null ? InputFileContent.CreateFromText(ExtendedSample.Text, "trades_extended_20251026.csv")
            : InputFileContent.CreateFromBinary(await File.ReadAllBytesAsync(path, Token), Path.GetFileName(path));
        page.FindComponent<InputFile>().UploadFiles(file);
        page.WaitForAssertion(() => Assert.Equal("imported", page.Find("#import-status").TextContent), TimeSpan.FromSeconds(20));
        return page;
    }

    private static Dictionary<string, string> Counts(IRenderedComponent<Web.Features.Imports.Imports> page) =>
        page.FindAll("#import-summary .fp-kpi").ToDictionary(k => k.QuerySelector(".fp-kpi-title")!.TextContent.Trim(),
            k => k.QuerySelector(".fp-kpi-value")!.TextContent.Trim());

    private static List<(string Line, string Reason, string Raw)> Rejected(IRenderedComponent<Web.Features.Imports.Imports> page) =>
        [.. page.FindAll("#rejected-grid tbody tr").Select(r => (r.Children[0].TextContent.Trim(), r.Children[1].TextContent, r.Children[1].QuerySelector("code")!.TextContent))];

    private async Task<List<(string Id, string Quantity, string Trader, string Day, int Hour, string Start, string End, string? Product)>> StoredAsync() =>
        [.. (await core.Get<TradeService>().Stream(PageTesting.Manager, null, null, Token).ToListAsync(Token))
            .Select(t => (t.Id, t.Quantity.ToString("0.#", CultureInfo.InvariantCulture), t.TraderId, t.DeliveryDay, t.DeliveryHour, t.DeliveryStart, t.DeliveryEnd, t.Product))
            .OrderBy(t => t.Id, StringComparer.Ordinal)];

    [Fact]
    public async Task AManager_UploadsTheExtendedFile_SeesItsCounts_TheOffGridRowWithItsReason_AndTheTradesStoredWithTheirPeriods()
    {
        context.SignInAsManager();

        var page = await UploadAsync();

        Assert.Equal(new Dictionary<string, string> { ["Rows"] = "7", ["Inserted"] = "6", ["Duplicates"] = "0", ["Rejected"] = "1" }, Counts(page));
        var (line, reason, raw) = Assert.Single(Rejected(page));
        Assert.Equal((ExtendedSample.OffGridLine.ToString(CultureInfo.InvariantCulture), ExtendedSample.OffGridRow), (line, raw));
        Assert.StartsWith(ExtendedSample.OffGridReason, reason);
        Assert.Equal(ExtendedSample.Trades, await StoredAsync());
    }

    [Fact]
    public async Task ATrader_UploadsTheExtendedFile_TheirRowsAreStoredWithTheirPeriods_TheOthersAndTheOffGridRowRejected()
    {
        context.SignInAsTrader("ben", "trader_2");

        var page = await UploadAsync();

        Assert.Equal(new Dictionary<string, string> { ["Rows"] = "7", ["Inserted"] = "3", ["Duplicates"] = "0", ["Rejected"] = "4" }, Counts(page));
        var rejected = Rejected(page);
        Assert.Equal(["2", "3", "4", "8"], rejected.Select(r => r.Line));
        Assert.All(rejected[..3], r => Assert.Contains("trader_id 'trader_1' is not yours", r.Reason));
        Assert.Contains(ExtendedSample.OffGridReason, rejected[3].Reason);
        Assert.Equal(ExtendedSample.Trades.Where(t => t.Trader == "trader_2"), await StoredAsync());
    }

    [Fact]
    public async Task AManager_PicksTheTraderOfTheEpexSample_AndItsNineRowsAreThatTradersTrades()
    {
        context.SignInAsManager();

        var page = await UploadAsync("trader_3", Path.Combine(Reference.RepositoryRoot, "docs", "samples", "Continuous_Trades-DE-20251026.csv"));

        Assert.Equal(new Dictionary<string, string> { ["Rows"] = "9", ["Inserted"] = "9", ["Duplicates"] = "0", ["Rejected"] = "0" }, Counts(page));
        Assert.Contains("EPEX SPOT continuous-trades export: trades of trader_3.", page.Find("#import-summary").TextContent);
        var stored = await StoredAsync();
        Assert.Equal(9, stored.Count);
        Assert.All(stored, t => Assert.Equal("trader_3", t.Trader));
        Assert.Contains(("9100000003", "3", "trader_3", "2025-10-26", 2, "2025-10-26T01:15:00Z", "2025-10-26T01:30:00Z", "XBID_Quarter_Hour_Power"), stored);
    }

    [Fact]
    public async Task AManager_UploadsTheHourlyReferenceFile_AndItsThreeTradesAreStored()
    {
        context.SignInAsManager();

        var page = await UploadAsync(path: Reference.File("trades", "epex_trades_20230220.csv"));

        Assert.Equal(new Dictionary<string, string> { ["Rows"] = "3", ["Inserted"] = "3", ["Duplicates"] = "0", ["Rejected"] = "0" }, Counts(page));
        var stored = await StoredAsync();
        Assert.Equal([("t_123", "trader_1"), ("t_456", "trader_2"), ("t_789", "trader_2")], stored.Select(t => (t.Id, t.Trader)));
        Assert.Equal(("12", "2023-02-28", 14, "2023-02-28T13:00:00Z", "2023-02-28T14:00:00Z", (string?)null), (stored[0].Quantity, stored[0].Day, stored[0].Hour, stored[0].Start, stored[0].End, stored[0].Product));
    }
}

public sealed class TradeFormatsUploadPageTests_Sqlite() : TradeFormatsUploadPageTests(DatabaseProvider.Sqlite);

public sealed class TradeFormatsUploadPageTests_Postgres() : TradeFormatsUploadPageTests(DatabaseProvider.Postgres);
