using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using System.Text.Json;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Health;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FlexPower.Tests.Integration;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> as a monitor without credentials sees them, on a database that works, stops,
/// comes back, lacks a migration or hangs, and with an import folder that takes no files.
/// </summary>
public abstract class HealthTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TempDatabase database = default!;

    public async ValueTask InitializeAsync() => database = await TempDatabase.CreateAsync(provider);

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_OnAGoodDatabase_Is200_ListingEveryCheck_ToAMonitorWithoutCredentials()
    {
        await using var app = App();
        var monitor = Monitor(app);

        // The single instance takes the leader lease in the background; readiness reports it, whichever way it stands.
        await Wait.UntilAsync(async () => Leads(await ReadyAsync(monitor)), "the instance leads");
        var ready = await monitor.GetAsync("/health/ready", Token);
        var body = await ready.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("application/json", ready.Content.Headers.ContentType?.MediaType);
        var report = Report.Parse(body);
        Assert.Equal("healthy", report.Status);
        Assert.Equal(["database", "inbox", "leader"], report.Checks.Keys.Order());
        Assert.All(report.Checks.Values, check =>
        {
            Assert.Equal("healthy", check.GetProperty("status").GetString());
            Assert.True(check.GetProperty("duration_ms").GetDouble() >= 0);
            Assert.False(string.IsNullOrWhiteSpace(check.GetProperty("description").GetString()));
        });
        Assert.Contains("every migration applied", report.Description("database"));
        AssertRevealsNothing(body);
    }

    [Fact]
    public async Task Ready_OnTheInstanceThatDoesNotLead_Is200_AndSaysItDoesNotLead()
    {
        await using var a = App();
        var monitorA = Monitor(a);
        await Wait.UntilAsync(async () => Leads(await ReadyAsync(monitorA)), "A leads");
        await using var b = App(); // a second instance on the same database and folders
        var monitorB = Monitor(b);

        var ready = await monitorB.GetAsync("/health/ready", Token);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = Report.Parse(await ready.Content.ReadAsStringAsync(Token));
        Assert.False(Leads(report));
        Assert.Equal("healthy", report.Checks["leader"].GetProperty("status").GetString());
        Assert.Contains("another instance holds the leader lease", report.Description("leader"));
        Assert.True(Leads(await ReadyAsync(monitorA)));
    }

    [Fact]
    public async Task Live_Is200_EvenWithTheDatabaseGone_WhileReadyIs503()
    {
        await using var app = App();
        var monitor = Monitor(app);
        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync("/health/ready", Token)).StatusCode);

        await StopDatabaseAsync();
        try
        {
            var live = await monitor.GetAsync("/health/live", Token);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            var report = Report.Parse(await live.Content.ReadAsStringAsync(Token));
            Assert.Equal("healthy", report.Status);
            Assert.Empty(report.Checks); // liveness asks nothing of the database, the folders or the lease

            await Wait.UntilAsync(async () => (await monitor.GetAsync("/health/ready", Token)).StatusCode == HttpStatusCode.ServiceUnavailable, "ready is 503");
        }
        finally
        {
            await StartDatabaseAsync();
        }
    }

    [Fact]
    public async Task Ready_GoesUnreadyWhenTheDatabaseStops_AndReadyAgainWhenItComesBack()
    {
        var logs = new LogCapture();
        await using var app = App(logs);
        var monitor = Monitor(app);
        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync("/health/ready", Token)).StatusCode);

        await StopDatabaseAsync();
        Report stopped;
        try
        {
            await Wait.UntilAsync(async () => (await monitor.GetAsync("/health/ready", Token)).StatusCode == HttpStatusCode.ServiceUnavailable, "ready is 503", TimeSpan.FromSeconds(30));
            stopped = await ReadyAsync(monitor);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await monitor.GetAsync("/health", Token)).StatusCode);
        }
        finally
        {
            await StartDatabaseAsync();
        }

        Assert.Equal("unhealthy", stopped.Status);
        Assert.Equal("unhealthy", stopped.Checks["database"].GetProperty("status").GetString());
        Assert.Matches(provider == DatabaseProvider.Sqlite ? "database file is missing" : "PostgreSQL|database", stopped.Description("database"));
        Assert.Equal("healthy", stopped.Checks["inbox"].GetProperty("status").GetString()); // only what failed is blamed
        AssertRevealsNothing(stopped.Body);
        await Wait.UntilAsync(async () => (await monitor.GetAsync("/health/ready", Token)).StatusCode == HttpStatusCode.OK, "ready is 200 again", TimeSpan.FromSeconds(30));
        // Logged when it changed, not at every probe.
        var changes = logs.MessagesOf<ReadinessLog>();
        Assert.Equal("Ready again: every readiness check passes", changes[^1]);
        Assert.Contains(changes, m => m.StartsWith("Not ready: database: "));
        Assert.Equal(changes.Count, changes.Distinct().Count());
    }

    [Fact]
    public async Task Ready_WithAMigrationNotApplied_Is503_NamingIt_WhileHealthKeepsItsAnswer()
    {
        await using var app = App();
        var monitor = Monitor(app);
        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync("/health/ready", Token)).StatusCode);
        var latest = MigrationHistory.Migrations(provider)[^1];

        await ExecuteAsync($"""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '{latest}'""");

        var ready = await monitor.GetAsync("/health/ready", Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = Report.Parse(await ready.Content.ReadAsStringAsync(Token));
        Assert.Equal("unhealthy", report.Checks["database"].GetProperty("status").GetString());
        Assert.Contains($"migrations of this release not applied: {latest}", report.Description("database"));
        Assert.Contains("migrate", report.Description("database"));
        // /health answers what it always did (the database answers and takes writes), for the monitors that use it.
        var health = await monitor.GetAsync("/health", Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("""{"status":"healthy","database":"reachable and writable"}""", await health.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task Ready_WithAnImportFolderThatTakesNoFiles_Is503_NamingTheFolder()
    {
        await using var app = App();
        var monitor = Monitor(app);
        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync("/health/ready", Token)).StatusCode);
        var failed = Path.Combine(database.Directory, "import", "failed");
        Directory.CreateDirectory(failed);

        await using (await ReadOnlyFolder.MakeAsync(failed))
        {
            var ready = await monitor.GetAsync("/health/ready", Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var report = Report.Parse(await ready.Content.ReadAsStringAsync(Token));
            Assert.Equal("unhealthy", report.Checks["inbox"].GetProperty("status").GetString());
            Assert.Equal($"Import:FailedDirectory {failed} is not writable: permission denied", report.Description("inbox"));
            Assert.Equal("healthy", report.Checks["database"].GetProperty("status").GetString());
            Assert.Empty(Directory.GetFileSystemEntries(failed)); // the probe left nothing behind
        }

        Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync("/health/ready", Token)).StatusCode);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(database.Directory, "import", "inbox"))); // nor in the inbox
    }

    [Fact]
    public async Task Ready_WhenTheDatabaseHangs_AnswersAtTheCheckTimeout_Unready_AndLiveStillAnswers()
    {
        await using var app = new FlexPowerFactory(database, settings: new() { ["Health:CheckTimeout"] = "00:00:00.2" });
        var monitor = Monitor(app);
        // A cold app's first checks (compiling, the first sessions) may take longer than that on a busy machine.
        await Wait.UntilAsync(async () => (await monitor.GetAsync("/health/ready", Token)).StatusCode == HttpStatusCode.OK, "ready is 200", TimeSpan.FromSeconds(30));

        await using (await HoldDatabaseAsync())
        {
            var ready = await monitor.GetAsync("/health/ready", Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var report = Report.Parse(await ready.Content.ReadAsStringAsync(Token));
            // Given up at the timeout: waited out, the check would have found the database well.
            Assert.Equal("no answer within 0.2 s (Health:CheckTimeout)", report.Description("database"));
            Assert.Equal(HttpStatusCode.OK, (await monitor.GetAsync("/health/live", Token)).StatusCode);
        }

        await Wait.UntilAsync(async () => (await monitor.GetAsync("/health/ready", Token)).StatusCode == HttpStatusCode.OK, "ready is 200 again", TimeSpan.FromSeconds(30));
    }

    /// <summary>The app with a check timeout no busy machine reaches: only the hang test is about the timeout.</summary>
    protected FlexPowerFactory App(LogCapture? logs = null) => new(database, settings: new() { ["Health:CheckTimeout"] = "00:00:30" }, logs: logs);

    /// <summary>A load balancer or Kubernetes probe: no credentials, no cookie, and a redirect would be a failure.</summary>
    private static HttpClient Monitor(FlexPowerFactory app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<Report> ReadyAsync(HttpClient monitor) =>
        Report.Parse(await (await monitor.GetAsync("/health/ready", Token)).Content.ReadAsStringAsync(Token));

    private static bool Leads(Report report) => report.Checks["leader"].GetProperty("data").GetProperty("leader").GetBoolean();

    private void AssertRevealsNothing(string body)
    {
        Assert.DoesNotContain("Data Source", body);
        Assert.DoesNotContain("Username", body);
        Assert.DoesNotContain("Port=", body);
        Assert.DoesNotContain("   at ", body); // no stack trace
        Assert.DoesNotContain("Exception", body);
        if (provider == DatabaseProvider.Sqlite) Assert.DoesNotContain(database.FilePath, body);
    }

    private string PostgresName => new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;

    /// <summary>SQLite: the file moved away (as by a mistaken clean-up); PostgreSQL: the database refuses sessions and its sessions are ended.</summary>
    private async Task StopDatabaseAsync()
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            File.Move(database.FilePath, database.FilePath + ".away");
            return;
        }
        await PostgresServer.ExecuteAsync("postgres", $"""ALTER DATABASE "{PostgresName}" ALLOW_CONNECTIONS false""");
        await PostgresServer.ExecuteAsync("postgres", $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{PostgresName}'");
    }

    private async Task StartDatabaseAsync()
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            if (File.Exists(database.FilePath + ".away")) File.Move(database.FilePath + ".away", database.FilePath);
            return;
        }
        await PostgresServer.ExecuteAsync("postgres", $"""ALTER DATABASE "{PostgresName}" ALLOW_CONNECTIONS true""");
    }

    private async Task ExecuteAsync(string sql)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            await PostgresServer.ExecuteAsync(PostgresName, sql);
            return;
        }
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Token);
    }

    /// <summary>
    /// Another session that makes the app's check wait: SQLite's write lock (the check waits up to 2 s for it), or on
    /// PostgreSQL an exclusive lock on the users table, which the check reads (it waits for as long as the lock is held).
    /// </summary>
    protected async Task<IAsyncDisposable> HoldDatabaseAsync()
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnection($"{database.ConnectionString};Pooling=False");
            await file.OpenAsync(Token);
            return new Held(file, file.BeginTransaction(deferred: false)); // BEGIN IMMEDIATE: the write lock
        }
        var server = new NpgsqlConnection(database.ConnectionString);
        await server.OpenAsync(Token);
        var transaction = await server.BeginTransactionAsync(Token);
        await using var command = new NpgsqlCommand("""LOCK TABLE "AspNetUsers" IN ACCESS EXCLUSIVE MODE""", server, transaction);
        await command.ExecuteNonQueryAsync(Token);
        return new Held(server, transaction);
    }

    private sealed class Held(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await connection.DisposeAsync();
        }
    }

    private sealed record Report(string Body, string Status, Dictionary<string, JsonElement> Checks)
    {
        public static Report Parse(string body)
        {
            var root = JsonDocument.Parse(body).RootElement;
            Assert.True(root.GetProperty("duration_ms").GetDouble() >= 0);
            return new Report(body, root.GetProperty("status").GetString()!,
                root.GetProperty("checks").EnumerateArray().ToDictionary(check => check.GetProperty("name").GetString()!, check => check.Clone()));
        }

        public string Description(string check) => Checks[check].GetProperty("description").GetString()!;
    }

    /// <summary>A folder nothing can create files in, even a root process: immutable (chattr +i) as root, mode 0555 otherwise.</summary>
    [UnsupportedOSPlatform("windows")]
    private sealed class ReadOnlyFolder(string path, UnixFileMode mode, bool immutable) : IAsyncDisposable
    {
        public static async Task<ReadOnlyFolder> MakeAsync(string path)
        {
            var mode = File.GetUnixFileMode(path);
            var root = Environment.UserName == "root";
            if (root)
            {
                if (await ChattrAsync("+i", path) is { } failure) Assert.Skip($"chattr +i is not available for {path} ({failure}): an unwritable folder cannot be made for root here.");
            }
            else File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            return new ReadOnlyFolder(path, mode, root);
        }

        public async ValueTask DisposeAsync()
        {
            if (immutable) await ChattrAsync("-i", path);
            else File.SetUnixFileMode(path, mode);
        }

        private static async Task<string?> ChattrAsync(string flag, string path)
        {
            using var chattr = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
            var error = await chattr.StandardError.ReadToEndAsync();
            await chattr.WaitForExitAsync();
            return chattr.ExitCode == 0 ? null : error.Trim();
        }
    }
}

public sealed class HealthTests_Sqlite() : HealthTests(DatabaseProvider.Sqlite);

public sealed class HealthTests_Postgres() : HealthTests(DatabaseProvider.Postgres)
{
    /// <summary>
    /// Npgsql gives up a query at the token by asking the server to cancel it, and throws an OperationCanceledException
    /// carrying the server's 57014 "canceling statement due to user request": no answer, which readiness reports as its
    /// timeout, not as what the database said. (SQLite's checks are synchronous underneath: readiness gives them up itself.)
    /// </summary>
    [Fact]
    public async Task DatabaseStatus_GivenUpWhileATableIsLocked_IsCancelled_NotADatabaseProblem()
    {
        await using var app = App();
        var status = app.Services.GetRequiredService<DatabaseStatus>();
        Assert.Null(await status.ProblemAsync(Token));

        await using (await HoldDatabaseAsync())
        {
            using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Token);
            giveUp.CancelAfter(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => status.ProblemAsync(giveUp.Token));
        }
        Assert.Null(await status.ProblemAsync(Token));
    }
}
