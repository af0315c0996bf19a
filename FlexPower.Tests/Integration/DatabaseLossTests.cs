using System.Net;
using System.Net.Http.Json;
using FlexPower.Core;
using FlexPower.Core.Common;
using FlexPower.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

/// <summary>The database file vanishing under the running app: nothing is acknowledged that is not stored, and the next start does not begin silently empty.</summary>
public sealed class DatabaseLossTests : IDisposable
{
    private static readonly object Trade = new { id = "after-loss", price = 100, quantity = 1, direction = "buy", delivery_day = "2023-02-28", delivery_hour = 9, trader_id = "trader_1", execution_time = "2023-02-28T07:00:00Z" };
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task DeletedUnderTheRunningApp_HealthIs503_AndWritesAre503_NotAcknowledged()
    {
        using var factory = new FlexPowerFactory(database);
        var api = factory.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);

        DeleteDatabaseFiles();

        var health = await api.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("missing", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains("nothing was stored", await ApiAssert.ErrorAsync(await api.PostAsJsonAsync("/v1/trades", Trade, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.ServiceUnavailable));
        SqliteConnection.ClearAllPools(); // no open handle left: even signing the client in cannot reach the database
        Assert.Contains("cannot be opened", await ApiAssert.ErrorAsync(await api.PostAsJsonAsync("/v1/trades", Trade, cancellationToken: TestContext.Current.CancellationToken), HttpStatusCode.ServiceUnavailable));
        Assert.False(File.Exists(database.FilePath)); // and no empty database was created behind the app's back
    }

    [Fact]
    public async Task DeletedUnderTheRunningApp_APriceImportIs503_NotAcknowledged()
    {
        using var factory = new FlexPowerFactory(database);
        var api = factory.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/prices/series", TestContext.Current.CancellationToken)).StatusCode);

        DeleteDatabaseFiles();

        var import = await api.PostAsync("/v1/prices/import?series=day-ahead&file_name=p.csv",
            new StringContent("delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,100.00\n", System.Text.Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
        Assert.Contains("nothing was stored", await ApiAssert.ErrorAsync(import, HttpStatusCode.ServiceUnavailable));
    }

    [Fact]
    public async Task ReplacedByAnotherDatabase_HealthIs503()
    {
        using var factory = new FlexPowerFactory(database);
        var api = factory.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);

        using (var other = new SqliteConnection($"Data Source={database.FilePath}.other;Pooling=False"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "PRAGMA user_version = 7;";
            command.ExecuteNonQuery();
        }
        DeleteDatabaseFiles();
        File.Move($"{database.FilePath}.other", database.FilePath);

        var health = await api.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("replaced", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task NextStart_WithTheDatabaseGoneButItsMarkerThere_RefusesUnlessToldTo()
    {
        await using (var first = Services(recreate: false)) await first.PrepareDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);
        DeleteDatabaseFiles();
        SqliteConnection.ClearAllPools(); // what a process restart does

        await using (var second = Services(recreate: false))
        {
            var refused = await Assert.ThrowsAsync<StartupFailedException>(() => second.PrepareDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken));
            Assert.Contains("Database:RecreateMissing=true", refused.Message);
        }
        Assert.False(File.Exists(database.FilePath));

        await using (var told = Services(recreate: true)) await told.PrepareDatabaseAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(File.Exists(database.FilePath));
    }

    private ServiceProvider Services(bool recreate)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:FlexPower"] = database.ConnectionString,
            ["Database:RecreateMissing"] = recreate ? "true" : "false",
        }).Build();
        return new ServiceCollection().AddLogging().AddFlexPowerCore(configuration, database.Directory).BuildServiceProvider();
    }

    private void DeleteDatabaseFiles()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database.FilePath + suffix);
    }
}
