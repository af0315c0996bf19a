using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>A large reference-price file being imported while traders keep sending trades: the desk must not notice.</summary>
public abstract class PriceImportWhileTradingTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const int PriceLines = 300_000;
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(2);

    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        factory = new FlexPowerFactory(database);
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task TradesPostedDuringALargePriceImport_AreAllStored_EachAnsweredPromptly()
    {
        var api = factory.CreateApiClient();
        var import = factory.CreateApiClient().PostAsync("/v1/prices/import?series=day-ahead&file_name=big.csv",
            new StringContent(LargePriceFile(), Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);

        var answers = new List<(HttpStatusCode Status, TimeSpan Took)>();
        while (!import.IsCompleted)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await api.PostAsJsonAsync("/v1/trades", new
            {
                id = $"during-{answers.Count}", price = 5000, quantity = 1, direction = "buy", delivery_day = "2026-06-01",
                delivery_hour = answers.Count % 24, trader_id = "trader_1", execution_time = "2026-06-01T07:00:00Z",
            }, TestContext.Current.CancellationToken);
            answers.Add((response.StatusCode, Stopwatch.GetElapsedTime(started)));
        }

        Assert.Equal(HttpStatusCode.OK, (await import).StatusCode);
        Assert.True(answers.Count >= 5, $"only {answers.Count} trades were sent while the import ran");
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var slowest = answers.Max(a => a.Took);
        TestContext.Current.TestOutputHelper?.WriteLine($"{answers.Count} trades, slowest {slowest.TotalMilliseconds:0} ms, median {answers.Select(a => a.Took).Order().ElementAt(answers.Count / 2).TotalMilliseconds:0} ms");
        Assert.True(slowest < Prompt, $"the slowest of {answers.Count} trades took {slowest.TotalSeconds:0.0} s");
    }

    private static string LargePriceFile()
    {
        var csv = new StringBuilder("delivery_day,delivery_hour,price_eur_mwh\n");
        var day = new DateOnly(2000, 1, 1);
        for (var line = 0; line < PriceLines; day = day.AddDays(1))
            for (var hour = 0; hour < 24 && line < PriceLines; hour++, line++)
                csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{hour},{line % 20_000 / 100m - 50:0.00}\n");
        return csv.ToString();
    }
}

public sealed class PriceImportWhileTradingTests_Sqlite() : PriceImportWhileTradingTests(DatabaseProvider.Sqlite);

public sealed class PriceImportWhileTradingTests_Postgres() : PriceImportWhileTradingTests(DatabaseProvider.Postgres);
