using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FlexPower.Core.Accounts;
using FlexPower.Core.Alerts;
using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Import;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlexPower.Tests.Integration;

/// <summary>Two app instances on one database: one leader for the background work, on either provider.</summary>
public abstract class ClusterTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;

    public async ValueTask InitializeAsync() => database = await TempDatabase.CreateAsync(provider);

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private FlexPowerFactory Instance() => new(database, settings: new()
    {
        ["Cluster:LeaderRetryInterval"] = "00:00:00.200",
        ["Cluster:LeaderCheckInterval"] = "00:00:00.200",
    });

    private static LeaderElection Election(FlexPowerFactory instance) => instance.Services.GetRequiredService<LeaderElection>();

    [Fact]
    public async Task OneInstanceLeads_AndAnotherTakesOverWhenItStops()
    {
        await using var a = Instance();
        await Wait.UntilAsync(() => Election(a).IsLeader, "the first instance leads");
        await using var b = Instance();
        _ = b.Services; // started, and trying
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => b.CreateApiClient().GetAsync("/health")));
        Assert.False(Election(b).IsLeader);

        await a.DisposeAsync();

        await Wait.UntilAsync(() => Election(b).IsLeader, "the second instance takes over", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task FileDroppedIntoTheSharedInbox_IsImportedOnce()
    {
        await using var a = Instance();
        await using var b = Instance();
        var inbox = a.Services.GetRequiredService<IOptions<ImportOptions>>().Value;
        Assert.Equal(inbox.InboxDirectory, b.Services.GetRequiredService<IOptions<ImportOptions>>().Value.InboxDirectory);
        await Wait.UntilAsync(() => Election(a).IsLeader || Election(b).IsLeader, "an instance leads");

        Directory.CreateDirectory(inbox.InboxDirectory);
        File.Copy(Reference.File("trades", "epex_trades_20230220.csv"), Path.Combine(inbox.InboxDirectory, "epex_trades_20230220.csv"));

        await Wait.UntilAsync(() => File.Exists(Path.Combine(inbox.ArchiveDirectory, "epex_trades_20230220.csv")), "the file is archived", TimeSpan.FromSeconds(30));
        var ledger = await a.Services.GetRequiredService<ImportService>().ListAsync(new Caller("boss", IsManager: true, TraderId: null), cancellationToken: TestContext.Current.CancellationToken);
        var import = Assert.Single(ledger);
        Assert.Equal((ImportSource.Inbox, ImportStatus.Imported), (import.Source, import.Status));
    }
}

public sealed class ClusterTests_Sqlite() : ClusterTests(DatabaseProvider.Sqlite);

public sealed class ClusterTests_Postgres() : ClusterTests(DatabaseProvider.Postgres);

/// <summary>What only PostgreSQL offers: several instances serving users at once.</summary>
public sealed partial class PostgresClusterTests : IAsyncLifetime
{
    private static readonly Caller Boss = new(FlexPowerFactory.ManagerName, IsManager: true, TraderId: null);
    private TempDatabase database = default!;

    public async ValueTask InitializeAsync() => database = await TempDatabase.CreateAsync(DatabaseProvider.Postgres);

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task LeaderWhoseDatabaseSessionDies_StopsLeading_AndOneInstanceLeadsAgain()
    {
        var fast = new Dictionary<string, string?> { ["Cluster:LeaderRetryInterval"] = "00:00:00.200", ["Cluster:LeaderCheckInterval"] = "00:00:00.200" };
        await using var a = new FlexPowerFactory(database, settings: fast);
        var electionA = a.Services.GetRequiredService<LeaderElection>();
        await Wait.UntilAsync(() => electionA.IsLeader, "A leads");
        await using var b = new FlexPowerFactory(database, settings: fast);
        var electionB = b.Services.GetRequiredService<LeaderElection>();
        Assert.True(electionA.TryGetTerm(out var term));

        // As if A's machine vanished: the server ends the session that holds the lock.
        await using (var admin = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            await admin.OpenAsync(TestContext.Current.CancellationToken);
            await using var kill = new Npgsql.NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", admin);
            Assert.Equal(true, await kill.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }

        await Wait.UntilAsync(() => term.IsCancellationRequested, "A's term ends");
        await Wait.UntilAsync(() => electionA.IsLeader ^ electionB.IsLeader, "exactly one instance leads again");
    }

    [Fact]
    public async Task LimitBreachOnA_IsRaisedOnce_AndHeardOnB_WhoseStripShowsTheMissingFilesTheLeaderRaised()
    {
        await using var a = new FlexPowerFactory(database);
        await using var b = new FlexPowerFactory(database);
        var manager = a.CreateApiClient();
        var alertsOnB = new List<AlertsChanged>();
        using var subscription = b.Services.GetRequiredService<ChangeNotifier>().Subscribe<AlertsChanged>(change =>
        {
            lock (alertsOnB) alertsOnB.Add(change);
            return Task.CompletedTask;
        });
        // The leader (either) raises the missing files of the last days (two or three, by the time of day); both instances show them.
        var monitors = new[] { a, b }.Select(i => i.Services.GetRequiredService<MissingFileMonitor>()).ToList();
        await Wait.UntilAsync(() => monitors[0].Current.Count >= 2 && monitors[1].Current.SequenceEqual(monitors[0].Current), "both instances show the missing files");
        var missingFiles = monitors[0].Current.Count;

        (await manager.PutAsJsonAsync("/v1/limits/trader_7", new { max_open_mw = 10 }, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var trade = new { id = "cluster-limit", price = 100, quantity = 11, direction = "buy", delivery_day = "2023-02-28", delivery_hour = 9, trader_id = "trader_7", execution_time = "2023-02-28T07:00:00Z" };
        (await manager.PostAsJsonAsync("/v1/trades", trade, cancellationToken: TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await Wait.UntilAsync(() => { lock (alertsOnB) return alertsOnB.Any(c => c.Raised == 1); }, "B hears of the breach");
        var all = System.Text.Json.JsonDocument.Parse(await b.CreateApiClient().GetStringAsync("/v1/alerts?state=all", TestContext.Current.CancellationToken)).RootElement.EnumerateArray().ToList();
        Assert.Equal(missingFiles + 1, all.Count); // the files and one breach, each once, although both instances checked the trade
        Assert.Single(all, x => x.GetProperty("subject").GetString() == "trader_7 2023-02-28 9 - 10");
    }

    [Fact]
    public async Task LoginCookieIssuedByA_IsAcceptedByB()
    {
        await using var a = new FlexPowerFactory(database);
        await using var b = new FlexPowerFactory(database);
        var cookie = await SignInAsync(a);

        var page = b.CreateClient(new() { AllowAutoRedirect = false });
        page.DefaultRequestHeaders.Add("Cookie", cookie);
        var response = await page.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var anonymous = await b.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode); // the page does need the cookie
    }

    [Fact]
    public async Task AccountDisabledOnA_IsRefusedByB_AtOnce()
    {
        await using var a = new FlexPowerFactory(database);
        await using var b = new FlexPowerFactory(database);
        var accounts = a.Services.GetRequiredService<AccountService>();
        var tom = await accounts.CreateAsync(Boss, new NewAccount("tom", "Trader-Passw0rd!", Roles.Trader, "trader_1"), TestContext.Current.CancellationToken);
        var onB = b.CreateApiClient("tom", "Trader-Passw0rd!");
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/v1/trades", TestContext.Current.CancellationToken)).StatusCode); // verified, and remembered by B

        await accounts.SetDisabledAsync(Boss, tom.Id, disabled: true);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/v1/trades", TestContext.Current.CancellationToken)).StatusCode);
    }

    /// <summary>Signs in through A's login form and returns the cookie header a browser would send.</summary>
    private static async Task<string> SignInAsync(FlexPowerFactory instance)
    {
        var client = instance.CreateClient(new() { AllowAutoRedirect = false });
        var form = await client.GetAsync("/Account/Login");
        var antiforgery = Cookies(form);
        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync()).Groups["token"].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "login",
                ["Input.UserName"] = FlexPowerFactory.ManagerName,
                ["Input.Password"] = FlexPowerFactory.ManagerPassword,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return Cookies(signedIn);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
