using FlexPower.Core;
using FlexPower.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlexPower.Tests.Support;

/// <summary>Core services (no web host) on a database of their own (a SQLite file by default, or PostgreSQL), optionally on a fake clock.</summary>
public sealed class CoreHost : IAsyncDisposable
{
    private CoreHost(TempDatabase database, ServiceProvider services) => (Database, Services) = (database, services);

    public TempDatabase Database { get; }
    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<CoreHost> StartAsync(TimeProvider? clock = null, Dictionary<string, string?>? settings = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite, LogCapture? logs = null)
    {
        var database = await TempDatabase.CreateAsync(provider);
        var values = new Dictionary<string, string?>(database.Settings)
        {
            ["Bootstrap:Manager:Password"] = "Boss-Passw0rd!",
            ["Import:InboxDirectory"] = Path.Combine(database.Directory, "inbox"),
            ["Import:ArchiveDirectory"] = Path.Combine(database.Directory, "archive"),
            ["Import:FailedDirectory"] = Path.Combine(database.Directory, "failed"),
            ["Import:StableFor"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? []) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging(logging =>
        {
            if (logs is not null) logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        });
        if (clock is not null) services.AddSingleton(clock);
        services.AddFlexPowerCore(configuration, database.Directory);
        var built = services.BuildServiceProvider();
        await built.InitializeFlexPowerAsync(configuration, TextWriter.Null);
        return new CoreHost(database, built);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
