using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>The executable's verbs, run as an operator runs them (the import verb is tested with the imports, see ImportApiTests).</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Help_ListsTheVerbs_InsteadOfStartingTheServer()
    {
        var (exitCode, output, error) = await AppProcess.RunCommandAsync(database, "--help");

        Assert.Equal(0, exitCode);
        foreach (var verb in new[] { "import", "import-prices", "report", "aggregates", "migrate" }) Assert.Contains(verb, output);
        Assert.DoesNotContain("Now listening", output + error);
    }

    [Fact]
    public async Task Migrate_CreatesTheDatabase_ThenFindsNothingToApply()
    {
        var (created, output, error) = await AppProcess.RunCommandAsync(database, "migrate");
        Assert.True(created == 0, output + error);
        Assert.Contains("Applied 7 migration(s): 20261130102630_Baseline", output);
        Assert.True(File.Exists(database.FilePath));

        var (again, outputAgain, _) = await AppProcess.RunCommandAsync(database, "migrate");
        Assert.Equal(0, again);
        Assert.Contains("up to date; nothing to apply", outputAgain);
    }

    [Theory]
    [InlineData("report", "--day", "2023-02-28", "--bogus")]
    [InlineData("report", "--day", "2023-02-28", "--format", "xml")]
    [InlineData("import")]
    [InlineData("import-prices", "prices.csv")]
    [InlineData("improt", "epex_trades_20230220.csv")]
    public async Task BadArguments_ExitWith2_AsTheHelpSays(params string[] arguments)
    {
        var (exitCode, output, error) = await AppProcess.RunCommandAsync(database, arguments);

        Assert.True(exitCode == 2, $"exit {exitCode}: {output}{error}");
        Assert.False(string.IsNullOrWhiteSpace(error));
        var (_, help, _) = await AppProcess.RunCommandAsync(database, "--help");
        Assert.Contains("Exit code 2 for bad arguments", help);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import-prices", "--series", "day-ahead")]
    public async Task Import_OfADirectory_SaysItIsADirectoryNotAFile(string verb, params string[] options)
    {
        var (exitCode, output, error) = await AppProcess.RunCommandAsync(database, [verb, database.Directory, .. options]);

        Assert.True(exitCode == 1, $"exit {exitCode}: {output}{error}");
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"error: {database.Directory} is a directory, not a file: give the path of a CSV file.", line);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import-prices", "--series", "day-ahead")]
    public async Task Import_OfAFileWhoseNameHasALineBreak_IsRefused_AndNothingIsRecorded(string verb, params string[] options)
    {
        var file = Path.Combine(database.Directory, "epex\nforged.csv");
        await File.WriteAllTextAsync(file, "delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,100.00\n", TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await AppProcess.RunCommandAsync(database, [verb, file, .. options]);

        Assert.True(exitCode == 2, $"exit {exitCode}: {output}{error}");
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("The file's name must not contain control characters", line);
        Assert.False(File.Exists(database.FilePath), "nothing was opened, let alone recorded");
    }

    [Fact]
    public async Task Report_ForATraderIdWithALineBreak_IsRefusedWith2()
    {
        var (exitCode, output, error) = await AppProcess.RunCommandAsync(database, "report", "--trader", "trader_1\nforged", "--day", "2023-02-28");

        Assert.True(exitCode == 2, $"exit {exitCode}: {output}{error}");
        Assert.Contains("trader_id must not contain control characters", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
