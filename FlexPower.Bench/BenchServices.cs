using FlexPower.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Bench;

public static class BenchServices
{
    /// <summary>The Core services on an existing database file, as the app would build them.</summary>
    public static ServiceProvider For(string path)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} does not exist; run generate-trades first.");
        return Create(path);
    }

    /// <summary>The Core services on a database file that may not exist yet.</summary>
    public static ServiceProvider Create(string path)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:FlexPower"] = $"Data Source={Path.GetFullPath(path)}",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddFlexPowerCore(configuration, Directory.GetCurrentDirectory());
        return services.BuildServiceProvider();
    }
}
