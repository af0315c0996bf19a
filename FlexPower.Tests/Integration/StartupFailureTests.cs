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
