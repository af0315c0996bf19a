using System.Net;
using System.Net.Http.Json;
using FlexPower.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FlexPower.Tests.Integration;

/// <summary>SQLite's one write lock held by someone else for longer than a writer waits: the client hears "busy, try again", never a 500.</summary>
public sealed class SqliteBusyTests : IDisposable
{
    private static readonly object Trade = new { id = "while-busy", price = 100, quantity = 1, direction = "buy", delivery_day = "2023-02-28", delivery_hour = 9, trader_id = "trader_1", execution_time = "2023-02-28T07:00:00Z" };
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task AWriteThatWaitsLongerThanTheTimeoutForTheLock_Is503TryAgain_AndTheRetryIsStored()
    {
        using var factory = new FlexPowerFactory(database, settings: new() { ["ConnectionStrings:FlexPower"] = database.ConnectionString + ";Default Timeout=1" });
        var api = factory.CreateApiClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/trades", TestContext.Current.CancellationToken)).StatusCode); // signed in, credentials remembered

        await using (var holder = new SqliteConnection(database.ConnectionString + ";Pooling=False"))
        {
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await using var takeTheWriteLock = holder.CreateCommand();
            takeTheWriteLock.CommandText = "BEGIN IMMEDIATE";
            await takeTheWriteLock.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

            var message = await ApiAssert.ErrorAsync(await api.PostAsJsonAsync("/v1/trades", Trade, TestContext.Current.CancellationToken), HttpStatusCode.ServiceUnavailable);

            Assert.Contains("busy", message);
            Assert.Contains("nothing was stored", message);
        }
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/v1/trades", Trade, TestContext.Current.CancellationToken)).StatusCode);
    }
}
