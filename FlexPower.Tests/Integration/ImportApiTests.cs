using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Integration;

public abstract class ImportApiTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private HttpClient manager = default!;
    private static readonly byte[] Sample = File.ReadAllBytes(Reference.File("trades", "epex_trades_20230220.csv"));

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

    [Fact]
    public async Task TerminalImport_OnTheConfiguredDatabase_StoresTheFile_AndTheLedgerNamesTheTerminal()
    {
        var file = Path.Combine(database.Directory, "epex_trades_20230220.csv");
        await File.WriteAllBytesAsync(file, Sample, TestContext.Current.CancellationToken);

        var (exit, output, error) = await AppProcess.RunCommandAsync(database, "import", file);

        Assert.True(exit == 0, output + error);
        Assert.Contains("rows 3, inserted 3, duplicates 0, rejected 0", output);
        var ledger = await JsonAsync(await manager.GetAsync("/v1/imports", TestContext.Current.CancellationToken));
        Assert.Equal("commandline", ledger.EnumerateArray().Single().GetProperty("source").GetString());
        Assert.Equal(3, (await JsonAsync(await manager.GetAsync("/v1/trades", TestContext.Current.CancellationToken))).GetArrayLength());
    }

    [Fact]
    public async Task CsvBody_ImportsTheSample_ThenTheSameContentIsAlreadyImported()
    {
        var first = await JsonAsync(await manager.PostAsync("/v1/trades/import?file_name=epex_trades_20230220.csv", Csv(Sample), TestContext.Current.CancellationToken));
        Assert.Equal("imported", first.GetProperty("status").GetString());
        Assert.Equal(3, first.GetProperty("inserted").GetInt32());
        Assert.Equal("epex_trades_20230220.csv", first.GetProperty("file_name").GetString());
        Assert.Equal(64, first.GetProperty("sha256").GetString()!.Length);
        Assert.Equal(0, first.GetProperty("rejected").GetArrayLength());

        var again = await JsonAsync(await manager.PostAsync("/v1/trades/import?file_name=epex_trades_20230220.csv", Csv(Sample), TestContext.Current.CancellationToken));
        Assert.Equal("already_imported", again.GetProperty("status").GetString());
        Assert.Equal(0, again.GetProperty("inserted").GetInt32());
        Assert.Equal(3, (await manager.GetFromJsonAsync<JsonElement>("/v1/trades", cancellationToken: TestContext.Current.CancellationToken)).GetArrayLength());
        var ledger = await manager.GetFromJsonAsync<JsonElement>("/v1/imports", cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(ledger.EnumerateArray(), line => Assert.Equal(Sample.Length, line.GetProperty("size_bytes").GetInt64()));
        Assert.All(ledger.EnumerateArray(), line => Assert.EndsWith("Z", line.GetProperty("started_utc").GetString()));
    }

    [Fact]
    public async Task MultipartFile_WithForce_RerunsAndFindsDuplicates()
    {
        await manager.PostAsync("/v1/trades/import", Csv(Sample), TestContext.Current.CancellationToken);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Sample), "file", "epex_trades_20230220.csv" } };

        var forced = await JsonAsync(await manager.PostAsync("/v1/trades/import?force=true", form, TestContext.Current.CancellationToken));

        Assert.Equal(("imported", 0, 3), (forced.GetProperty("status").GetString(), forced.GetProperty("inserted").GetInt32(), forced.GetProperty("duplicates").GetInt32()));
    }

    [Fact]
    public async Task RejectedRows_ComeBackWithLineAndReason()
    {
        var csv = Encoding.UTF8.GetBytes("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\nok,1,1,buy,2023-02-28,1,trader_1,2023-02-28T00:00:00Z\nbad,1,1,hold,2023-02-28,1,trader_1,2023-02-28T00:00:00Z\n");
        var result = await JsonAsync(await manager.PostAsync("/v1/trades/import?file_name=mixed.csv", Csv(csv), TestContext.Current.CancellationToken));
        var rejected = Assert.Single(result.GetProperty("rejected").EnumerateArray());
        Assert.Equal(3, rejected.GetProperty("line").GetInt32());
        Assert.StartsWith("direction", rejected.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task NoUsableHeader_Returns400AndImportsNothing()
    {
        var response = await manager.PostAsync("/v1/trades/import", Csv("foo,bar\n1,2\n"u8.ToArray()), TestContext.Current.CancellationToken);
        Assert.Contains("missing required column(s) id", await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal(0, (await manager.GetFromJsonAsync<JsonElement>("/v1/trades", cancellationToken: TestContext.Current.CancellationToken)).GetArrayLength());
    }

    [Fact]
    public async Task WrongContentType_Returns400Explaining()
    {
        var response = await manager.PostAsync("/v1/trades/import", JsonContent.Create(new { id = 1 }), TestContext.Current.CancellationToken);
        Assert.Contains("text/csv", await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Ledger_ListsImportsNewestFirst_ForManagersOnly()
    {
        await manager.PostAsync("/v1/trades/import?file_name=a.csv", Csv(Sample), TestContext.Current.CancellationToken);
        await manager.PostAsync("/v1/trades/import?file_name=b.csv", Csv(Sample), TestContext.Current.CancellationToken);

        var ledger = await manager.GetFromJsonAsync<JsonElement>("/v1/imports", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["already_imported", "imported"], ledger.EnumerateArray().Select(e => e.GetProperty("status").GetString()));
        Assert.Equal("api", ledger[1].GetProperty("source").GetString());
        Assert.Equal("boss", ledger[1].GetProperty("user_name").GetString());

        var tom = factory.CreateApiClient("tom", "Trader-Passw0rd!");
        await ApiAssert.ErrorAsync(await tom.GetAsync("/v1/imports", TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);
        await ApiAssert.ErrorAsync(await tom.GetAsync("/v1/imports/alerts", TestContext.Current.CancellationToken), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Alerts_ListOverdueFiles_AndAnImportOfOneClearsItsAlert()
    {
        var clock = new FakeTimeProvider();
        clock.SetBerlin(2026, 1, 15, 9, 0); // past the 08:00 deadline; no file of the last three days has arrived
        await using var db = await TempDatabase.CreateAsync(provider);
        await using var app = new FlexPowerFactory(db, clock: clock);
        var api = app.CreateApiClient();

        var files = await WaitForAlertsAsync(api, count: 3);
        Assert.Equal(["epex_trades_20260112.csv", "epex_trades_20260113.csv", "epex_trades_20260114.csv"], files);

        (await api.PostAsync("/v1/trades/import?file_name=epex_trades_20260114.csv", Csv(Sample), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        Assert.Equal(["epex_trades_20260112.csv", "epex_trades_20260113.csv"], await WaitForAlertsAsync(api, count: 2));
    }

    private static async Task<List<string?>> WaitForAlertsAsync(HttpClient api, int count)
    {
        var files = new List<string?>();
        await Wait.UntilAsync(async () =>
        {
            var alerts = await api.GetFromJsonAsync<JsonElement>("/v1/imports/alerts");
            files = alerts.EnumerateArray().Select(a => a.GetProperty("file_name").GetString()).ToList();
            return files.Count == count;
        }, $"{count} missing-file alerts are open");
        return files;
    }

    [Fact]
    public async Task Trader_ImportingOtherTradersRows_GetsThemRejected()
    {
        var tom = factory.CreateApiClient("tom", "Trader-Passw0rd!");
        var result = await JsonAsync(await tom.PostAsync("/v1/trades/import", Csv(Sample), TestContext.Current.CancellationToken));
        Assert.Equal(1, result.GetProperty("inserted").GetInt32());
        Assert.Equal(2, result.GetProperty("rejected_count").GetInt32());
    }
}

public sealed class ImportApiTests_Sqlite() : ImportApiTests(DatabaseProvider.Sqlite);

public sealed class ImportApiTests_Postgres() : ImportApiTests(DatabaseProvider.Postgres);
