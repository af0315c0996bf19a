using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace FlexPower.Bench;

/// <summary>The nightly inbox of the app campaign.sh started: a writer that pauses half-way, and links and special files named like exchange files.</summary>
public static class InboxCases
{
    private const string TradeHeader = "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time";

    public static IEnumerable<CampaignCase> All(CampaignTarget target, CampaignApi api) =>
    [
        new("3", "inbox file written half, writer pauses 4 s with it open, then the rest", () => HalfWrittenAsync(target, api)),
        new("10", "inbox links to /etc/passwd, to a price file outside, to /dev/zero, and a FIFO", () => LinksAndSpecialFilesAsync(target, api)),
    ];

    private static string Rows(string prefix, string day, int from, int count) =>
        string.Concat(Enumerable.Range(from, count).Select(i => $"{prefix}{i},{100 + i % 900},{1 + i % 50},{(i % 2 == 0 ? "buy" : "sell")},{day},{i % 24},trader_1,2023-02-28T12:00:00Z\n"));

    private static async Task<Verdict> HalfWrittenAsync(CampaignTarget target, CampaignApi api)
    {
        const string day = "2030-02-01", name = "epex_trades_20300201.csv";
        const int rows = 2_000;
        var pause = CampaignTarget.MainStableFor + TimeSpan.FromSeconds(3);
        var path = Path.Combine(target.Inbox, name);
        int duringPause;
        // The exchange's writer: the file open for writing all along, half of it written, a pause far over Import:StableFor.
        await using (var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            await writer.WriteAsync(Encoding.UTF8.GetBytes(TradeHeader + "\n" + Rows("half-", day, 0, rows / 2)));
            await writer.FlushAsync();
            await Task.Delay(pause);
            duringPause = await api.TradeCountAsync(day);
            await writer.WriteAsync(Encoding.UTF8.GetBytes(Rows("half-", day, rows / 2, rows / 2)));
        }

        var watch = Stopwatch.StartNew();
        var taken = await Wait.UntilAsync(async () => !File.Exists(path) && await api.TradeCountAsync(day) == rows, TimeSpan.FromSeconds(60));
        var stored = await api.TradeCountAsync(day);
        var imports = (await api.LedgerAsync()).Where(i => i.GetProperty("file_name").GetString() == name).ToList();
        var right = duringPause == 0 && taken && imports.Count == 1 && imports[0].GetProperty("rows").GetInt32() == rows;
        return Verdict.Check(right, $"{duringPause} stored during the {pause.TotalSeconds:0} s pause; {stored} of {rows} stored " +
                                    $"{(taken ? $"{watch.Elapsed.TotalSeconds:0.0} s after the close" : "within 60 s of the close")}; ledger: " +
                                    string.Join("; ", imports.Select(i => $"{i.GetProperty("status").GetString()} {i.GetProperty("rows").GetInt32()} rows")));
    }

    private static async Task<bool> IsFifoAsync(string path)
    {
        using var stat = Process.Start(new ProcessStartInfo("stat", ["-c", "%F", path]) { RedirectStandardOutput = true })!;
        var type = await stat.StandardOutput.ReadToEndAsync();
        await stat.WaitForExitAsync();
        return type.Trim() == "fifo";
    }

    private static async Task<Verdict> LinksAndSpecialFilesAsync(CampaignTarget target, CampaignApi api)
    {
        const string day = "2030-02-02", regular = "epex_trades_20230223.csv";
        var passwd = File.ReadLines("/etc/passwd").First();
        var outside = Path.Combine(target.Work, "outside", "prices.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(outside)!);
        await File.WriteAllTextAsync(outside, "delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,100.00\n");
        var links = new Dictionary<string, string>
        {
            ["epex_trades_20230220.csv"] = "/etc/passwd",
            ["prices_campaign-link_20230228.csv"] = outside,
            ["epex_trades_20230221.csv"] = "/dev/zero",
        };
        foreach (var (name, to) in links) File.CreateSymbolicLink(Path.Combine(target.Inbox, name), to);
        const string fifo = "epex_trades_20230222.csv";
        using (var mkfifo = Process.Start("mkfifo", Path.Combine(target.Inbox, fifo))) await mkfifo.WaitForExitAsync();
        await File.WriteAllTextAsync(Path.Combine(target.Inbox, regular), TradeHeader + "\n" + Rows("after-links-", day, 0, 3));

        string[] refused = [.. links.Keys, fifo];
        var settled = await Wait.UntilAsync(async () => refused.All(n => Path.Exists(Path.Combine(target.Failed, n))) && await api.TradeCountAsync(day) == 3, TimeSpan.FromSeconds(60));

        var failed = refused.Select(n => new FileInfo(Path.Combine(target.Failed, n))).ToList();
        var movedAsTheyWere = failed.Take(links.Count).All(f => f.LinkTarget == links[f.Name]) && await IsFifoAsync(failed[^1].FullName);
        var ledgerText = (await api.GetAsync("/v1/imports?take=1000")).Body;
        var ledger = JsonDocument.Parse(ledgerText).RootElement.EnumerateArray().ToList();
        var refusals = refused.Select(n => ledger.FirstOrDefault(i => i.GetProperty("file_name").GetString() == n)).ToList();
        var allFailed = refusals.All(i => i.ValueKind == JsonValueKind.Object && i.GetProperty("status").GetString() == "failed");
        var log = await File.ReadAllTextAsync(target.MainLog);
        var leaked = ledgerText.Contains(passwd, StringComparison.Ordinal) || log.Contains(passwd, StringComparison.Ordinal);
        var series = (await api.GetAsync("/v1/prices/series")).Body;
        var health = await api.GetAsync("/health");
        var right = settled && movedAsTheyWere && allFailed && !leaked && !series.Contains("campaign-link", StringComparison.Ordinal) && File.Exists(outside) && health.Status == 200;
        var reasons = refusals.Select((i, k) => $"{refused[k]}: {(i.ValueKind == JsonValueKind.Object ? $"{i.GetProperty("status").GetString()} \"{Text.Shown(i.GetProperty("message").GetString() ?? "")}\"" : "not in the ledger")}");
        return Verdict.Check(right, $"{(settled ? "all four in the failed folder" : "NOT all in the failed folder within 60 s")}{(movedAsTheyWere ? " as links/FIFO, unread" : ", NOT as they were")}; " +
                                    $"{string.Join("; ", reasons)}; /etc/passwd's first line {(leaked ? "FOUND" : "not")} in the ledger or log; " +
                                    $"{await api.TradeCountAsync(day)} of 3 rows of the later regular file stored; /health {health.Status}");
    }
}
