using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace FlexPower.Bench;

/// <summary>Reference-price imports: a large file while trades are posted, its memory, and the lines that were once stored wrongly.</summary>
public static class PriceCases
{
    private const string Header = "delivery_day,delivery_hour,price_eur_mwh";
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3);

    public static IEnumerable<CampaignCase> All(CampaignTarget target, CampaignApi api) =>
    [
        new("1", "400,000-line price import while 4 clients post trades", () => ImportWhileTradingAsync(target, api)),
        new("2", "1,000,000-line price import, the app's peak memory", () => ImportMemoryAsync(target)),
        new("4", "price with a decimal comma (2023-02-28,9,100,50)", () => SingleBadLineAsync(api, "campaign-comma", "2023-02-28,9,100,50", "decimal point")),
        new("5", "same price file into a second series", () => SecondSeriesAsync(api)),
        new("11", "SMARD quarter-hour repeated", () => SmardRepeatAsync(api)),
        new("12", "price 100.0000000000000000000000000001", () => SingleBadLineAsync(api, "campaign-digits", "2023-02-28,9,100.0000000000000000000000000001", "more than two decimals")),
    ];

    private static async Task<Verdict> ImportWhileTradingAsync(CampaignTarget target, CampaignApi api)
    {
        const string day = "2030-01-15";
        var file = WritePriceFile(Path.Combine(target.Work, "big.csv"), 400_000);
        var import = PostFileAsync(api.Manager, "/v1/prices/import?series=day-ahead&file_name=big.csv", file);

        var answers = new List<(int Status, TimeSpan Took)>();
        var next = -1;
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!import.IsCompleted)
            {
                var i = Interlocked.Increment(ref next);
                var started = Stopwatch.GetTimestamp();
                var answer = await api.PostJsonAsync("/v1/trades", CampaignApi.Trade($"during-{i}", day, i % 24));
                lock (answers) answers.Add((answer.Status, Stopwatch.GetElapsedTime(started)));
            }
        })).ToArray();
        await Task.WhenAll(clients);
        var imported = await import;

        var stored = await api.TradeCountAsync(day);
        var ok = answers.Count(a => a.Status == 200);
        var failed = answers.Count(a => a.Status >= 500);
        var took = answers.Select(a => a.Took).Order().ToList();
        var slowest = took.Count > 0 ? took[^1] : TimeSpan.Zero;
        var importRight = imported.Status == 200 && imported.Json.GetProperty("status").GetString() == "imported" && imported.Json.GetProperty("rows").GetInt32() == 400_000;
        var detail = $"import {(imported.Status == 200 ? Summary(imported) : imported.ToString())}; " +
                     $"{answers.Count} trade POSTs during it: {ok} answered 200, {failed} 5xx, {answers.Count - ok - failed} other; {stored} stored; " +
                     $"max latency {slowest.TotalMilliseconds:0} ms, p99 {Percentile(took, 0.99):0} ms, median {Percentile(took, 0.5):0} ms (limit {Prompt.TotalSeconds:0} s)";
        return Verdict.Check(importRight && answers.Count >= 5 && ok == answers.Count && stored == ok && slowest < Prompt, detail);
    }

    private static async Task<Verdict> ImportMemoryAsync(CampaignTarget target)
    {
        const int lines = 1_000_000;
        const long allowedGrowthMb = 300;
        var file = WritePriceFile(Path.Combine(target.Work, "million.csv"), lines);
        await using var app = await CampaignApp.StartAsync(target, "memory", await CampaignDatabase.CreateAsync(target, "memory"));
        using var api = new CampaignApi(app.BaseUrl);
        // A small import first, so that what every import loads once counts as "before".
        var warmUp = await api.PostCsvAsync("/v1/prices/import?series=day-ahead&file_name=small.csv", $"{Header}\n1999-12-31,9,10.00\n");
        var before = app.PeakMegabytes;
        var watch = Stopwatch.StartNew();
        var imported = await PostFileAsync(api.Manager, "/v1/prices/import?series=day-ahead&file_name=million.csv", file);
        var after = app.PeakMegabytes;

        var right = warmUp.Status == 200 && imported.Status == 200 && imported.Json.GetProperty("rows").GetInt32() == lines && after - before < allowedGrowthMb;
        return Verdict.Check(right, $"{(imported.Status == 200 ? Summary(imported) : imported.ToString())} " +
                                    $"in {watch.Elapsed.TotalSeconds:0} s; peak RSS {before} MB before, {after} MB after: +{after - before} MB (limit +{allowedGrowthMb} MB)");
    }

    /// <summary>A file of one bad line and one good one, into a series of its own: the bad line rejected with the reason, only the good one stored.</summary>
    private static async Task<Verdict> SingleBadLineAsync(CampaignApi api, string series, string line, string reason)
    {
        var answer = await api.PostCsvAsync($"/v1/prices/import?series={series}&file_name={series}.csv", $"{Header}\n{line}\n2023-02-28,10,-500.00\n");
        if (answer.Status != 200) return Verdict.Wrong(answer.ToString());
        var rejected = answer.Json.GetProperty("rejected").EnumerateArray().ToList();
        var hours = await PricesAsync(api, series, "2023-02-28");
        var right = rejected.Count == 1 && rejected[0].GetProperty("line").GetInt32() == 2 && rejected[0].GetProperty("reason").GetString()!.Contains(reason, StringComparison.Ordinal) &&
                    hours.Count == 1 && hours[0].Hour == 10;
        return Verdict.Check(right, $"{rejected.Count} rejected: {string.Join("; ", rejected.Select(r => $"line {r.GetProperty("line")}: \"{Text.Shown(r.GetProperty("reason").GetString()!)}\""))}; " +
                                    $"stored hours {string.Join(", ", hours.Select(h => $"{h.Hour}={h.Price}"))}");
    }

    private static async Task<Verdict> SecondSeriesAsync(CampaignApi api)
    {
        var csv = $"{Header}\n2023-02-28,9,100.00\n2023-02-28,10,101.00\n";
        var intoA = await api.PostCsvAsync("/v1/prices/import?series=campaign-a&file_name=same.csv", csv);
        var intoB = await api.PostCsvAsync("/v1/prices/import?series=campaign-b&file_name=same.csv", csv);
        var hours = await PricesAsync(api, "campaign-b", "2023-02-28");
        string Status(Answer a) => a.Status == 200 ? $"{a.Json.GetProperty("status").GetString()}, {a.Json.GetProperty("inserted").GetInt32()} inserted" : a.ToString();
        var right = intoA.Status == 200 && intoB.Status == 200 && intoB.Json.GetProperty("status").GetString() == "imported" && hours.Count == 2;
        return Verdict.Check(right, $"first series: {Status(intoA)}; second series: {Status(intoB)}, it has {hours.Count} hours");
    }

    private static async Task<Verdict> SmardRepeatAsync(CampaignApi api)
    {
        const string smard = "Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] Originalauflösungen\n" +
                             "01.11.2025 00:00;01.11.2025 00:15;10,00\n01.11.2025 00:00;01.11.2025 00:15;90,00\n01.11.2025 00:15;01.11.2025 00:30;10,00\n" +
                             "01.11.2025 00:30;01.11.2025 00:45;10,00\n01.11.2025 00:45;01.11.2025 01:00;10,00\n";
        var answer = await api.PostCsvAsync("/v1/prices/import?series=campaign-smard&file_name=smard_repeat.csv", smard);
        if (answer.Status != 200) return Verdict.Wrong(answer.ToString());
        var rejected = answer.Json.GetProperty("rejected").EnumerateArray().ToList();
        // SMARD's quarter-hours are stored as quarter-hours: 00:00-01:00 Berlin (23:00-00:00 UTC) as four periods of 10.00.
        var periods = await PricesAsync(api, "campaign-smard", "2025-11-01");
        var right = rejected.Count == 1 && rejected[0].GetProperty("line").GetInt32() == 3 && rejected[0].GetProperty("reason").GetString()!.Contains("line 2", StringComparison.Ordinal) &&
                    periods.Count == 4 && periods.All(p => p.Hour == 0 && p.Price == 10.00m && p.End - p.Start == TimeSpan.FromMinutes(15)) &&
                    periods[0].Start == new DateTimeOffset(2025, 10, 31, 23, 0, 0, TimeSpan.Zero);
        return Verdict.Check(right, $"layout {answer.Json.GetProperty("layout")}; {rejected.Count} rejected: " +
                                    $"{string.Join("; ", rejected.Select(r => $"line {r.GetProperty("line")}: \"{Text.Shown(r.GetProperty("reason").GetString()!)}\""))}; " +
                                    $"stored periods {string.Join(", ", periods.Select(p => $"{p.Start:HH:mm}–{p.End:HH:mm}Z={p.Price}"))}");
    }

    private static double Percentile(List<TimeSpan> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, sorted.Count * p)].TotalMilliseconds;

    /// <summary>An import's answer in short (the spring clock-change days' hour 2 is rightly rejected).</summary>
    private static string Summary(Answer import) =>
        $"{import.Json.GetProperty("status").GetString()}: {import.Json.GetProperty("rows").GetInt32():N0} rows, {import.Json.GetProperty("inserted").GetInt32():N0} inserted, " +
        $"{import.Json.GetProperty("rejected_count").GetInt32():N0} rejected";

    private static async Task<List<(int Hour, decimal Price, DateTimeOffset Start, DateTimeOffset End)>> PricesAsync(CampaignApi api, string series, string day)
    {
        var answer = await api.GetAsync($"/v1/prices?series={series}&from={day}&to={day}");
        if (answer.Status != 200) return [];
        return [.. answer.Json.GetProperty("hours").EnumerateArray().Select(h => (h.GetProperty("delivery_hour").GetInt32(), h.GetProperty("price_eur_mwh").GetDecimal(),
            h.GetProperty("start").GetDateTimeOffset(), h.GetProperty("end").GetDateTimeOffset()))];
    }

    private static async Task<Answer> PostFileAsync(HttpClient client, string url, string path)
    {
        await using var file = File.OpenRead(path);
        var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await CampaignApi.ReadAsync(await client.PostAsync(url, content));
    }

    private static string WritePriceFile(string path, int lines)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write(Header + "\n");
        var day = new DateOnly(2000, 1, 1);
        for (var line = 0; line < lines; day = day.AddDays(1))
            for (var hour = 0; hour < 24 && line < lines; hour++, line++)
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{hour},{line % 20_000 / 100m - 50:0.00}\n"));
        return path;
    }
}
