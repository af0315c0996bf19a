using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>The real executable, started with settings it cannot work with: one clear line, a non-zero exit code, no stack trace, nothing written.</summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Theory]
    [InlineData("Bootstrap__Manager__UserName", "m", "Bootstrap:Manager:UserName")]
    [InlineData("Bootstrap__Manager__Password", "short", "Bootstrap:Manager:Password")]
    [InlineData("Import__ScanInterval", "every minute", "Import:ScanInterval")]
    [InlineData("Database__Provider", "Oracle", "Database:Provider")]
    [InlineData("Alerts__WebhookUrl", "hooks.example/flexpower", "Alerts:WebhookUrl")]
    [InlineData("Alerts__Smtp__Host", "smtp.example", "Alerts:Smtp:From")]
    public async Task BadSetting_FailsWithOneLineNamingIt(string variable, string value, string setting)
    {
        var (exitCode, output, error) = await AppProcess.RunUntilExitAsync(database, new() { [variable] = value });

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("FlexPower could not start:", line);
        Assert.Contains(setting, line);
        Assert.DoesNotContain("   at ", output + error);
    }

    /// <summary>Values the binder reads but the app cannot work with: each stops the start naming the setting and its range.</summary>
    public static TheoryData<string, string, string, string> OutOfRange => new()
    {
        { "Import__MaxLineBytes", "-5", "Import:MaxLineBytes", "1,024 to 16,777,216" },
        { "Import__MaxLineBytes", "2147483647", "Import:MaxLineBytes", "1,024 to 16,777,216" },
        { "Import__MaxUploadBytes", "-1", "Import:MaxUploadBytes", "1,024 to 1,099,511,627,776" },
        { "Import__StableFor", "-00:00:01", "Import:StableFor", "00:00:00 to 01:00:00" },
        { "Import__ScanInterval", "00:00:00", "Import:ScanInterval", "00:00:01 to 1.00:00:00" },
        { "Import__RetryEvery", "00:00:00", "Import:RetryEvery", "00:00:01 to 1.00:00:00" },
        { "Import__AlertLookbackDays", "0", "Import:AlertLookbackDays", "1 to 365" },
        { "Api__MaxJsonBodyBytes", "0", "Api:MaxJsonBodyBytes", "1,024 to 1,073,741,824" },
        { "Health__CheckTimeout", "00:00:00", "Health:CheckTimeout", "00:00:00.1000000 to 00:01:00" },
        { "Cluster__LeaderRetryInterval", "00:00:00", "Cluster:LeaderRetryInterval", "00:00:00.1000000 to 01:00:00" },
        { "Cluster__LeaderCheckInterval", "00:00:45", "Cluster:LeaderCheckInterval", "00:00:00.1000000 to 00:00:20" },
        { "Alerts__RetryBaseDelay", "00:00:00", "Alerts:RetryBaseDelay", "00:00:00.1000000 to 1.00:00:00" },
        { "Alerts__MaxRetryDelay", "60.00:00:00", "Alerts:MaxRetryDelay", "00:00:01 to 1.00:00:00" },
        { "Alerts__MaxAttempts", "0", "Alerts:MaxAttempts", "1 to 100" },
        { "Alerts__PollInterval", "00:00:00", "Alerts:PollInterval", "00:00:01 to 01:00:00" },
        { "Alerts__SendTimeout", "00:00:00", "Alerts:SendTimeout", "00:00:01 to 00:10:00" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task SettingOutOfItsRange_FailsWithOneLineNamingItAndTheRange(string variable, string value, string setting, string range)
    {
        var (exitCode, output, error) = await AppProcess.RunUntilExitAsync(database, new() { [variable] = value });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("FlexPower could not start:", line);
        Assert.Contains(setting, line);
        Assert.Contains(range, line);
        Assert.DoesNotContain("   at ", output + error);
        Assert.False(File.Exists(database.FilePath), "nothing was written");
    }

    [Fact]
    public async Task AddressInUse_FailsWithOneLineNamingIt_BeforeAnythingStarts()
    {
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        var address = $"http://127.0.0.1:{((System.Net.IPEndPoint)occupant.LocalEndpoint).Port}";

        var (exitCode, output, error) = await AppProcess.RunCommandAsync(database, "--urls", address);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"FlexPower could not start: {address} is in use: another program (perhaps FlexPower, already running) listens there. Stop it, or choose another address with --urls.", line);
        Assert.Equal("", output); // no background service ran: no inbox watched, no alert raised, no cancellation logged
        Assert.False(File.Exists(database.FilePath), "nothing was written");
    }

    [Fact]
    public async Task AddressInUse_DoesNotStopTheInMemoryServerOfTheTests()
    {
        // `dotnet test` while `dotnet run` serves on the configured port: the tests' server listens nowhere.
        using var occupant = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupant.Start();
        await using var app = new FlexPowerFactory(database, settings: new() { ["urls"] = $"http://127.0.0.1:{((System.Net.IPEndPoint)occupant.LocalEndpoint).Port}" });

        var health = await app.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    [Theory]
    [InlineData("localhost:8888")]
    [InlineData("http://localhost:70000")]
    public async Task UrlsNotAnAddress_FailsWithOneLineShowingTheForm(string urls)
    {
        var (exitCode, output, error) = await AppProcess.RunCommandAsync(database, "--urls", urls);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"FlexPower could not start: '{urls}' in --urls (the Urls setting) is not an address with a port from 0 to 65535. Write it as http://localhost:8888 or http://0.0.0.0:8888.", line);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task TerminalImport_SettingOutOfItsRange_FailsWithOneLineNamingIt()
    {
        var file = Path.Combine(database.Directory, "epex_trades_20230220.csv");
        File.Copy(Reference.File("trades", "epex_trades_20230220.csv"), file);

        var (exitCode, output, error) = await AppProcess.RunCommandAsync(database, new Dictionary<string, string> { ["Import__MaxLineBytes"] = "-5" }, "import", file);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: Import:MaxLineBytes", line);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Fact]
    public async Task UnreachablePostgres_FailsWithOneLineNamingTheConnectionSetting()
    {
        var (exitCode, _, error) = await AppProcess.RunUntilExitAsync(database, new()
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__FlexPower"] = "Host=127.0.0.1;Port=1;Database=flexpower;Username=flexpower;Password=s3cret;Timeout=3",
        });

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ConnectionStrings:FlexPower (Host=127.0.0.1;Port=1;Database=flexpower;Username=flexpower)", line);
        Assert.DoesNotContain("s3cret", error);
    }

    [Fact]
    public async Task TerminalImport_UnreachablePostgres_FailsWithOneLineNamingTheConnectionSetting()
    {
        var file = Path.Combine(database.Directory, "epex_trades_20230220.csv");
        File.Copy(Reference.File("trades", "epex_trades_20230220.csv"), file);
        var (exitCode, _, error) = await AppProcess.RunCommandAsync(database, new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__FlexPower"] = "Host=127.0.0.1;Port=1;Database=flexpower;Username=flexpower;Password=s3cret;Timeout=3",
        }, "import", file);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains("ConnectionStrings:FlexPower (Host=127.0.0.1;Port=1;Database=flexpower;Username=flexpower)", line);
        Assert.DoesNotContain("s3cret", error);
    }

    [Fact]
    public async Task WeakBootstrapPassword_IsNotEchoed()
    {
        var (_, output, error) = await AppProcess.RunUntilExitAsync(database, new() { ["Bootstrap__Manager__Password"] = "Weakling7" });

        Assert.Contains("Bootstrap:Manager:Password", error);
        Assert.DoesNotContain("Weakling7", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MistypedVerb_IsRefusedWithTheVerbs_InsteadOfStartingTheServer()
    {
        var (exitCode, output, error) = await AppProcess.RunCommandAsync(database, "improt", "epex_trades_20230220.csv");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'improt'", error);
        Assert.Contains("import", output);
        Assert.DoesNotContain("Now listening", output + error);
        Assert.False(File.Exists(database.FilePath), "a refused command creates no database");
    }
}
