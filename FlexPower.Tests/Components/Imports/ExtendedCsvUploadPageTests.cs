using System.Globalization;
using Bunit;
using FlexPower.Core.Data;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using Microsoft.AspNetCore.Components.Forms;

namespace FlexPower.Tests.Components.Imports;

/// <summary>
/// The Imports page's upload of issue 19's extended exchange CSV, on both providers: the summary's counts, the off-grid row
/// rejected with its reason, and the trades stored with their periods and products.
/// </summary>
public abstract class ExtendedCsvUploadPageTests(DatabaseProvider provider) : IAsyncLifetime
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

    private IRenderedComponent<Web.Features.Imports.Imports> Upload()
    {
        var page = context.Render<Web.Features.Imports.Imports>();
        Assert.Contains("delivery_start, delivery_end and product may give a period of whole quarter-hours in place of the day and hour", page.Find("#import-dropzone").TextContent);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(ExtendedSample.Text, "trades_extended_20251026.csv"));
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

        var page = Upload();

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

        var page = Upload();

        Assert.Equal(new Dictionary<string, string> { ["Rows"] = "7", ["Inserted"] = "3", ["Duplicates"] = "0", ["Rejected"] = "4" }, Counts(page));
        var rejected = Rejected(page);
        Assert.Equal(["2", "3", "4", "8"], rejected.Select(r => r.Line));
        Assert.All(rejected[..3], r => Assert.Contains("trader_id 'trader_1' is not yours", r.Reason));
        Assert.Contains(ExtendedSample.OffGridReason, rejected[3].Reason);
        Assert.Equal(ExtendedSample.Trades.Where(t => t.Trader == "trader_2"), await StoredAsync());
    }
}

public sealed class ExtendedCsvUploadPageTests_Sqlite() : ExtendedCsvUploadPageTests(DatabaseProvider.Sqlite);

public sealed class ExtendedCsvUploadPageTests_Postgres() : ExtendedCsvUploadPageTests(DatabaseProvider.Postgres);
