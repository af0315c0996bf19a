namespace FlexPower.Tests.Support;

/// <summary>The repository's reference material (docs/reference: the trades contract, a sample exchange file, planner payloads) and samples.</summary>
public static class Reference
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([RepositoryRoot, "docs", "reference", .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir.FullName, "FlexPower.Web.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("FlexPower.Web.sln not found above " + AppContext.BaseDirectory);
    }
}
