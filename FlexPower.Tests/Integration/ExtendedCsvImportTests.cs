using System.Net;
using System.Text.Json;
using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using FlexPower.Core.Import;
using FlexPower.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

/// <summary>
/// Issue 19's extended exchange CSV (the exchange's columns plus delivery_start, delivery_end and product) through the nightly
/// inbox and the command line, on both providers: the sample's six trades stored with their periods, products and tenths of
/// MW, and a row starting off the quarter-hour grid rejected with its reason while the others are stored.
/// </summary>
public abstract class ExtendedCsvImportTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string OffGridRow = "x_7,9000,1.5,buy,,,trader_1,2025-10-26T00:00:00Z,2025-10-26T03:05:00Z,2025-10-26T03:20:00Z,XBID_Quarter_Hour_Power";

    /// <summary>docs/samples/trades_extended_20251026.csv with a seventh row whose start is 03:05Z, on line 8.</summary>
    private static readonly byte[] ExtendedFile = File.ReadAllBytes(Path.Combine(Reference.RepositoryRoot, "docs", "samples", "trades_extended_20251026.csv"))
        .Concat(System.Text.Encoding.UTF8.GetBytes(OffGridRow + "\n")).ToArray();

    private static readonly Caller Boss = new("boss", true, null);

    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        // The test scans the inbox itself, so no watcher takes the file first.
        factory = new FlexPowerFactory(database, settings: new() { ["Import:Enabled"] = "false" });
        manager = factory.CreateApiClient();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task<List<(string Id, string Quantity, string Trader, string Day, int Hour, string Start, string End, string? Product)>> TradesAsync()
    {
        var response = await manager.GetAsync("/v1/trades", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. JsonDocument.Parse(body).RootElement.EnumerateArray()
            .Select(t => (t.GetProperty("id").GetString()!, t.GetProperty("quantity").GetRawText(), t.GetProperty("trader_id").GetString()!,
                t.GetProperty("delivery_day").GetString()!, t.GetProperty("delivery_hour").GetInt32(),
                t.GetProperty("delivery_start").GetString()!, t.GetProperty("delivery_end").GetString()!, t.GetProperty("product").GetString()))
            .OrderBy(t => t.Item1, StringComparer.Ordinal)];
    }

    /// <summary>The sample's rows as GET /v1/trades returns them (hand-derived: 2025-10-26 is the autumn clock-change day, CEST until 01:00Z).</summary>
    private static void AssertTheSamplesTradesAreStored(List<(string Id, string Quantity, string Trader, string Day, int Hour, string Start, string End, string? Product)> trades) =>
        Assert.Equal(
        [
            ("x_1", "12", "trader_1", "2025-10-26", 2, "2025-10-26T00:00:00Z", "2025-10-26T01:00:00Z", null), // the legacy form: the first 02:00
            ("x_2", "7.5", "trader_1", "2025-10-26", 2, "2025-10-26T01:00:00Z", "2025-10-26T02:00:00Z", "XBID_Hour_Power"), // the repeated 02:00
            ("x_3", "3", "trader_1", "2025-10-26", 2, "2025-10-26T01:15:00Z", "2025-10-26T01:30:00Z", "XBID_Quarter_Hour_Power"),
            ("x_4", "10", "trader_2", "2025-10-26", 3, "2025-10-26T02:30:00Z", "2025-10-26T03:00:00Z", "XBID_Half_Hour_Power"),
            ("x_5", "20", "trader_2", "2025-10-26", 14, "2025-10-26T13:00:00Z", "2025-10-26T14:00:00Z", "XBID_Hour_Power"), // both forms, naming the same hour
            ("x_6", "4", "trader_2", "2025-10-26", 7, "2025-10-26T06:00:00Z", "2025-10-26T10:00:00Z", "Intraday_Block_Power"),
        ], trades);

    private const string OffGridReason = "delivery_start must be on the quarter-hour grid: minute 00, 15, 30 or 45, no seconds (got 2025-10-26T03:05:00Z).";

    [Fact]
    public async Task Inbox_NightlyFileWithTheExtendedColumns_StoresItsPeriodsAndProducts_AndRejectsTheOffGridRowWithItsReason()
    {
        var inbox = factory.Services.GetRequiredService<ImportInbox>();
        Directory.CreateDirectory(inbox.Options.InboxDirectory);
        await File.WriteAllBytesAsync(Path.Combine(inbox.Options.InboxDirectory, "epex_trades_20251026.csv"), ExtendedFile, TestContext.Current.CancellationToken);

        await inbox.ScanAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(Path.Combine(inbox.Options.ArchiveDirectory, "epex_trades_20251026.csv")));
        var imports = factory.Services.GetRequiredService<ImportService>();
        var line = Assert.Single(await imports.ListAsync(Boss, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((ImportSource.Inbox, ImportStatus.Imported, 7, 6, 1), (line.Source, line.Status, line.Rows, line.Inserted, line.Rejected));
        var rejected = Assert.Single(await (await imports.RejectionsAsync(Boss, line.Id, TestContext.Current.CancellationToken)).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal((8, OffGridReason, OffGridRow), (rejected.Line, rejected.Reason, rejected.Raw));
        AssertTheSamplesTradesAreStored(await TradesAsync());
    }

    [Fact]
    public async Task CommandLine_ExtendedFile_StoresItsPeriodsAndProducts_AndPrintsTheOffGridRowWithItsReason()
    {
        var file = Path.Combine(database.Directory, "trades_extended_20251026.csv");
        await File.WriteAllBytesAsync(file, ExtendedFile, TestContext.Current.CancellationToken);

        var (exit, output, error) = await AppProcess.RunCommandAsync(database, "import", file);

        Assert.True(exit == 0, output + error);
        Assert.Contains("rows 7, inserted 6, duplicates 0, rejected 1", output);
        Assert.Contains($"line 8: {OffGridReason}", output);
        AssertTheSamplesTradesAreStored(await TradesAsync());
    }
}

public sealed class ExtendedCsvImportTests_Sqlite() : ExtendedCsvImportTests(DatabaseProvider.Sqlite);

public sealed class ExtendedCsvImportTests_Postgres() : ExtendedCsvImportTests(DatabaseProvider.Postgres);
