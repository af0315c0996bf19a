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
        Assert.Contains("Applied 4 migration(s): 20261130102630_Baseline", output);
        Assert.True(File.Exists(database.FilePath));

        var (again, outputAgain, _) = await AppProcess.RunCommandAsync(database, "migrate");
        Assert.Equal(0, again);
        Assert.Contains("up to date; nothing to apply", outputAgain);
    }
}
