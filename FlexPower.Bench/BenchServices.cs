using FlexPower.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Bench;

/// <summary>
/// The Core services as the app builds them, on a bench database: a SQLite file path, or a PostgreSQL connection
/// string (anything with <c>Host=</c>).
/// </summary>
public static class BenchServices
{
    public static bool IsPostgres(string target) => target.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <summary>On an existing database.</summary>
    public static ServiceProvider For(string target)
    {
        if (!IsPostgres(target) && !File.Exists(target)) throw new InvalidOperationException($"{target} does not exist; run generate-trades first.");
        return Create(target);
    }

    /// <summary>On a database that may not exist (or be empty) yet.</summary>
    public static ServiceProvider Create(string target)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = IsPostgres(target) ? "Postgres" : "Sqlite",
            ["ConnectionStrings:FlexPower"] = IsPostgres(target) ? target : $"Data Source={Path.GetFullPath(target)}",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddFlexPowerCore(configuration, Directory.GetCurrentDirectory());
        return services.BuildServiceProvider();
    }
}
