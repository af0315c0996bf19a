using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FlexPower.Bench;

/// <summary>
/// A Bearer call against a cached Basic call (target: the Bearer one at most as slow). One running instance, one small
/// GET (<c>/v1/prices/series</c>) by the same manager both ways, over keep-alive connections; the two schemes alternate in
/// rounds so drift in the machine's load hits both alike. Sequential calls give the latency, <see cref="Parallel"/>
/// concurrent ones the throughput. The token is created with Basic first and revoked at the end.
/// </summary>
public static class AuthBench
{
    private const string Path = "/v1/prices/series";
    private const int Parallel = 8;

    public static async Task<int> RunAsync(string baseUrl, string user, string password, int calls)
    {
        using var basic = Client(baseUrl, new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"))));
        var created = await (await basic.PostAsJsonAsync("/v1/tokens", new { name = "auth bench", scopes = new[] { "read" } })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        using var bearer = Client(baseUrl, new AuthenticationHeaderValue("Bearer", created.GetProperty("token").GetString()));
        try
        {
            for (var i = 0; i < 50; i++) { await CallAsync(basic); await CallAsync(bearer); } // warm-up, and Basic's credential cached
            var (basicTimes, bearerTimes) = (new List<double>(), new List<double>());
            for (var round = 0; round < 10; round++)
            {
                for (var i = 0; i < calls / 10; i++) basicTimes.Add(await CallAsync(basic));
                for (var i = 0; i < calls / 10; i++) bearerTimes.Add(await CallAsync(bearer));
            }
            Console.WriteLine($"Sequential GET {Path}, {calls} calls each, alternating in 10 rounds:");
            Report("Basic (cached)", basicTimes);
            Report("Bearer token", bearerTimes);
            Console.WriteLine($"  Bearer / Basic median: {Median(bearerTimes) / Median(basicTimes):N2}");

            var (basicSeconds, bearerSeconds) = (0.0, 0.0);
            for (var round = 0; round < 10; round++)
            {
                basicSeconds += await ConcurrentAsync(basic, calls / 10);
                bearerSeconds += await ConcurrentAsync(bearer, calls / 10);
            }
            var (basicRate, bearerRate) = (calls / basicSeconds, calls / bearerSeconds);
            Console.WriteLine($"{Parallel} concurrent callers, {calls} calls each scheme in 10 alternating rounds: Basic {basicRate:N0}/s, Bearer {bearerRate:N0}/s, Bearer / Basic {bearerRate / basicRate:N2}");
            return 0;
        }
        finally
        {
            await basic.DeleteAsync($"/v1/tokens/{created.GetProperty("id").GetInt64()}");
        }
    }

    private static HttpClient Client(string baseUrl, AuthenticationHeaderValue authorization) =>
        new() { BaseAddress = new Uri(baseUrl), DefaultRequestHeaders = { Authorization = authorization } };

    private static async Task<double> CallAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(Path, HttpCompletionOption.ResponseContentRead);
        response.EnsureSuccessStatusCode();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> ConcurrentAsync(HttpClient client, int calls)
    {
        var left = calls;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async _ =>
        {
            while (Interlocked.Decrement(ref left) >= 0) await CallAsync(client);
        }));
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

    private static void Report(string name, List<double> times)
    {
        var sorted = times.Order().ToList();
        Console.WriteLine($"  {name,-15} median {sorted[sorted.Count / 2]:N2} ms, p95 {sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1]:N2} ms, mean {sorted.Average():N2} ms");
    }
}
