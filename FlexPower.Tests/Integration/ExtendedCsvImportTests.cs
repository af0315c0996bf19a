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

    [Fact]
    public async Task Inbox_NightlyFileWithTheExtendedColumns_StoresItsPeriodsAndProducts_AndRejectsTheOffGridRowWithItsReason()
    {
        var inbox = factory.Services.GetRequiredService<ImportInbox>();
        Directory.CreateDirectory(inbox.Options.InboxDirectory);
        await File.WriteAllBytesAsync(Path.Combine(inbox.Options.InboxDirectory, "epex_trades_20251026.csv"), ExtendedSample.Bytes, TestContext.Current.CancellationToken);

        await inbox.ScanAsync(TestContext.Current.CancellationToken);

        Assert.True(File.Exists(Path.Combine(inbox.Options.ArchiveDirectory, "epex_trades_20251026.csv")));
        var imports = factory.Services.GetRequiredService<ImportService>();
        var line = Assert.Single(await imports.ListAsync(Boss, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal((ImportSource.Inbox, ImportStatus.Imported, 7, 6, 1), (line.Source, line.Status, line.Rows, line.Inserted, line.Rejected));
        var rejected = Assert.Single(await (await imports.RejectionsAsync(Boss, line.Id, TestContext.Current.CancellationToken)).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal((ExtendedSample.OffGridLine, ExtendedSample.OffGridReason, ExtendedSample.OffGridRow), (rejected.Line, rejected.Reason, rejected.Raw));
        Assert.Equal(ExtendedSample.Trades, await TradesAsync());
    }

    [Fact]
    public async Task CommandLine_ExtendedFile_StoresItsPeriodsAndProducts_AndPrintsTheOffGridRowWithItsReason()
    {
        var file = Path.Combine(database.Directory, "trades_extended_20251026.csv");
        await File.WriteAllBytesAsync(file, ExtendedSample.Bytes, TestContext.Current.CancellationToken);

        var (exit, output, error) = await AppProcess.RunCommandAsync(database, "import", file);

        Assert.True(exit == 0, output + error);
        Assert.Contains("rows 7, inserted 6, duplicates 0, rejected 1", output);
        Assert.Contains($"line {ExtendedSample.OffGridLine}: {ExtendedSample.OffGridReason}", output);
        Assert.Equal(ExtendedSample.Trades, await TradesAsync());
    }
}

public sealed class ExtendedCsvImportTests_Sqlite() : ExtendedCsvImportTests(DatabaseProvider.Sqlite);

public sealed class ExtendedCsvImportTests_Postgres() : ExtendedCsvImportTests(DatabaseProvider.Postgres);
