using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;
using Microsoft.Extensions.Logging;

namespace FlexPower.Tests.Integration;

/// <summary>
/// The database's disk filling up under the running app, for real: the database lives on a small file system of the
/// test's own (SQLite: its file; PostgreSQL: the database's tablespace), which the test fills and empties again.
/// </summary>
public abstract class FullDiskTests(DatabaseProvider provider)
{
    // What the health check and the episode's log line say: "is full" from a refused write, "may be full" from a refused session.
    private static readonly System.Text.RegularExpressions.Regex DiskFull = new("disk (is|may be) full");

    protected static object Trade(string id) => new
    {
        id, price = 100, quantity = 1, direction = "buy", delivery_day = "2023-02-28", delivery_hour = 9, trader_id = "trader_1", execution_time = "2023-02-28T07:00:00Z",
    };

    [Fact]
    public async Task FullDisk_WritesAre503NothingStored_HealthSaysSo_LoggedOnce_AndWritesWorkAgainWhenSpaceReturns()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var disk = await SmallDisk.MountAsync(megabytes: 24, owner: provider == DatabaseProvider.Postgres ? "postgres" : null);
        await using var database = await TempDatabase.CreateAsync(provider);
        await using var tablespace = await OnDiskAsync(database, disk);
        var logs = new LogCapture();
        await using var app = new FlexPowerFactory(database, settings: tablespace.Settings, logs: logs);
        var api = app.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/v1/trades", Trade("before"), cancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health", cancellationToken)).StatusCode);

        disk.Fill();

        // Writes may still land in space the database had already taken; keep writing until it is refused for a while.
        var answers = new List<(string Id, HttpStatusCode Status, string Body)>();
        for (var i = 0; i < 2_000 && answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable) < 20; i++)
        {
            var response = await api.PostAsJsonAsync("/v1/trades", Trade($"t{i}"), cancellationToken);
            answers.Add(($"t{i}", response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
        }
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{a.Id}: {(int)a.Status} {a.Body}"));
        var refused = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        // A write that reaches the server hears "disk is full"; on PostgreSQL one that needed a new session first (the pool
        // grows when background work holds its connections) is refused before any statement: "its disk may be full".
        Assert.All(refused, a => Assert.Matches(provider == DatabaseProvider.Postgres ? "disk is full: nothing was stored|nothing was stored.*its disk may be full" : "disk is full: nothing was stored", a.Body));

        var import = await api.PostAsync("/v1/trades/import?file_name=epex_trades_20230301.csv", Csv(ImportFile()), cancellationToken);
        Assert.Contains("nothing was stored", await ApiAssert.ErrorAsync(import, HttpStatusCode.ServiceUnavailable));

        var health = await api.GetAsync("/health", cancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Matches(DiskFull, await health.Content.ReadAsStringAsync(cancellationToken));
        // One line per reason and episode, not one per refused request (and no stack trace). On PostgreSQL a write may still
        // land in space a refused one freed, which ends the episode; the next refusal then begins another, and says so once;
        // and a refused new session ("could not write init file") is a reason of its own beside the full disk.
        var episodes = logs.MessagesOf<DatabaseOutage>().Where(m => DiskFull.IsMatch(m) || m.Contains("takes writes again")).ToList();
        Assert.Matches(DiskFull, episodes[^1]);
        var reasons = new HashSet<string>();
        foreach (var line in episodes)
            if (!DiskFull.IsMatch(line)) reasons.Clear();
            else Assert.True(reasons.Add(line.Split(": nothing was stored")[0]), $"logged twice in one episode: {line}");
        Assert.Equal(episodes.Count(m => DiskFull.IsMatch(m)), logs.MessagesAtLeast(LogLevel.Error).Count(m => DiskFull.IsMatch(m)));
        Assert.DoesNotContain(logs.MessagesAtLeast(LogLevel.Error), m => m.Contains("Exception"));

        disk.Free();

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/v1/trades", Trade("after"), cancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health", cancellationToken)).StatusCode);
        Assert.Contains(logs.MessagesAtLeast(LogLevel.Information), m => m.Contains("takes writes again"));
        // Everything answered 200 is stored, nothing answered 503 is.
        var stored = JsonDocument.Parse(await api.GetStringAsync("/v1/trades", cancellationToken)).RootElement.EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()).ToHashSet();
        string[] acknowledged = ["before", .. answers.Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Id), "after"];
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(refused, a => stored.Contains(a.Id));
    }

    /// <summary>Where the database keeps its data: SQLite's file on the disk, or PostgreSQL's database in a tablespace on it.</summary>
    protected sealed class Placement(Dictionary<string, string?> settings, Func<Task> remove) : IAsyncDisposable
    {
        public Dictionary<string, string?> Settings { get; } = settings;
        public ValueTask DisposeAsync() => new(remove());
    }

    protected static async Task<Placement> OnDiskAsync(TempDatabase database, SmallDisk disk)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
            return new Placement(new() { ["ConnectionStrings:FlexPower"] = $"Data Source={Path.Combine(disk.Path, "flexpower.db")}" }, () => Task.CompletedTask);
        var name = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        var tablespace = $"{name}_disk";
        await PostgresServer.MoveToTablespaceAsync(name, tablespace, disk.Path);
        return new Placement([], async () =>
        {
            await database.DisposeAsync();
            await PostgresServer.DropTablespaceAsync(tablespace);
        });
    }

    private static byte[] ImportFile()
    {
        var file = new StringBuilder("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\n");
        for (var i = 0; i < 5_000; i++) file.Append($"imp-{i},{100 + i % 50},{1 + i % 7},buy,2023-03-01,{i % 24},trader_2,2023-02-28T10:00:00Z\n");
        return Encoding.UTF8.GetBytes(file.ToString());
    }

    private static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("text/csv");
        return content;
    }
}

public sealed class FullDiskTests_Sqlite() : FullDiskTests(DatabaseProvider.Sqlite);

public sealed class FullDiskTests_Postgres() : FullDiskTests(DatabaseProvider.Postgres)
{
    [Fact]
    public async Task FullDisk_NewSessionsTheServerRefuses_Are503NothingStored()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var disk = await SmallDisk.MountAsync(megabytes: 24, owner: "postgres");
        await using var database = await TempDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var tablespace = await OnDiskAsync(database, disk);
        await using var app = new FlexPowerFactory(database, settings: tablespace.Settings);
        var api = app.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/v1/trades", Trade("before"), cancellationToken)).StatusCode);

        // Opened before the disk fills: once it is full, even this session may be refused (autovacuum may have got there first).
        var name = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        await using (var session = await PostgresServer.ConnectAsync(name))
        {
            disk.Fill();
            // What autovacuum does to a catalog: a new session must then rewrite its relation-cache file, which the full disk
            // refuses (FATAL XX000 "could not write init file", not 53100); ending the app's sessions makes it open new ones.
            await PostgresServer.ExecuteAsync(session, "VACUUM pg_catalog.pg_class");
        }
        await PostgresServer.ExecuteAsync("postgres", $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var response = await api.PostAsJsonAsync("/v1/trades", Trade($"t{i}"), cancellationToken);
            return (Id: $"t{i}", response.StatusCode, Body: await response.Content.ReadAsStringAsync(cancellationToken));
        }));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{a.Id}: {(int)a.StatusCode} {a.Body}"));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable), a => Assert.Contains("nothing was stored", a.Body));

        disk.Free();
        await Wait.UntilAsync(async () => (await api.PostAsJsonAsync("/v1/trades", Trade("after"), cancellationToken)).StatusCode == HttpStatusCode.OK, "a write is stored once space returns");
        var stored = JsonDocument.Parse(await api.GetStringAsync("/v1/trades", cancellationToken)).RootElement.EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToHashSet();
        Assert.DoesNotContain(answers, a => a.StatusCode != HttpStatusCode.OK && stored.Contains(a.Id));
    }
}
