using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FlexPower.Bench;

/// <summary>
/// The REST load test: W writers post N distinct trades (round-robin over one or more app instances) while R readers
/// poll desk range reports, each every <see cref="PollEvery"/> like an open dashboard refreshing hard. Prints throughput and latency percentiles, counts errors, then checks through the API that
/// exactly N trades of the test's own days are stored and that the desk PnL equals the sum the writers computed.
/// </summary>
public static class LoadTest
{
    private static readonly DateOnly FirstDay = new(2031, 1, 1); // a year no demo or earlier run uses
    private const int Days = 20;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    public static async Task<int> RunAsync(string[] baseUrls, string user, string password, int trades, int writers, int readers)
    {
        var clients = baseUrls.Select(url => Client(url, user, password)).ToArray();
        var run = Guid.NewGuid().ToString("N")[..6];
        var writeTimes = new List<double>[writers];
        var readTimes = new List<double>[readers];
        long errors = 0, next = -1;
        var expectedCents = new long[writers];
        var firstError = "";

        var writing = Stopwatch.StartNew();
        using var stopReading = new CancellationTokenSource();
        var readerTasks = Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
        {
            readTimes[r] = [];
            var client = clients[r % clients.Length];
            var url = $"/v1/reports/pnl/range?from={FirstDay:yyyy-MM-dd}&to={FirstDay.AddDays(Days - 1):yyyy-MM-dd}&granularity=day";
            while (!stopReading.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                using (var response = await client.GetAsync(url))
                {
                    readTimes[r].Add(watch.Elapsed.TotalMilliseconds);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                }
                var rest = PollEvery - watch.Elapsed;
                if (rest > TimeSpan.Zero) await Task.Delay(rest);
            }
        })).ToArray();
        var writerTasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            writeTimes[w] = [];
            long i;
            while ((i = Interlocked.Increment(ref next)) < trades)
            {
                var day = FirstDay.AddDays((int)(i % Days));
                var sell = i % 3 == 0;
                var (price, quantity) = (2_000 + i % 9_000, 1 + (int)(i % 40));
                var trade = new
                {
                    id = $"load-{run}-{i}", price, quantity, direction = sell ? "sell" : "buy", delivery_day = day.ToString("yyyy-MM-dd"),
                    delivery_hour = (int)(i % 23), trader_id = $"trader_{i % 50 + 1:D2}", execution_time = $"{day.AddDays(-1):yyyy-MM-dd}T12:00:00Z",
                };
                var watch = Stopwatch.StartNew();
                using var response = await clients[i % clients.Length].PostAsJsonAsync("/v1/trades", trade);
                writeTimes[w].Add(watch.Elapsed.TotalMilliseconds);
                if (response.IsSuccessStatusCode) expectedCents[w] += (sell ? 1 : -1) * quantity * price;
                else if (Interlocked.Increment(ref errors) == 1) firstError = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
        })).ToArray();
        await Task.WhenAll(writerTasks);
        var seconds = writing.Elapsed.TotalSeconds;
        await stopReading.CancelAsync();
        await Task.WhenAll(readerTasks);

        var report = JsonDocument.Parse(await clients[0].GetStringAsync($"/v1/reports/pnl/range?from={FirstDay:yyyy-MM-dd}&to={FirstDay.AddDays(Days - 1):yyyy-MM-dd}&granularity=day")).RootElement;
        var stored = report.GetProperty("total").GetProperty("trade_count").GetInt64();
        var pnl = report.GetProperty("total").GetProperty("pnl_eur").GetDecimal();
        var expectedPnl = expectedCents.Sum() / 100m;

        var writes = writeTimes.SelectMany(t => t).Order().ToArray();
        var reads = readTimes.SelectMany(t => t).Order().ToArray();
        Console.WriteLine($"{trades:N0} trades by {writers} writers against {string.Join(", ", baseUrls)}, {readers} readers polling range reports");
        Console.WriteLine($"throughput: {trades / seconds:N0} trades/s ({seconds:N1} s); reads: {reads.Length / seconds:N0}/s");
        Console.WriteLine($"write latency: p50 {P(writes, 0.50):N1} ms, p95 {P(writes, 0.95):N1} ms, p99 {P(writes, 0.99):N1} ms, max {writes[^1]:N1} ms");
        Console.WriteLine($"read latency:  p50 {P(reads, 0.50):N1} ms, p95 {P(reads, 0.95):N1} ms, p99 {P(reads, 0.99):N1} ms");
        Console.WriteLine($"errors: {errors}{(errors > 0 ? $" (first: {firstError})" : "")}");
        Console.WriteLine($"stored: {stored:N0} of {trades:N0} — {(stored == trades ? "all" : "MISMATCH")}; desk PnL {pnl:N2} EUR vs writers' sum {expectedPnl:N2} EUR — {(pnl == expectedPnl ? "equal" : "MISMATCH")}");
        return errors == 0 && stored == trades && pnl == expectedPnl ? 0 : 1;
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static HttpClient Client(string baseUrl, string user, string password)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 200, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }
}
