using System.Diagnostics;
using System.Text.Json;

namespace FlexPower.Bench;

/// <summary>The cases that need an app process of their own: a full disk, dead and endless alert channels, settings out of range, command-line errors.</summary>
public static class ProcessCases
{
    private static readonly (string Variable, string Value, string Setting)[] OutOfRange =
    [
        ("Import__MaxLineBytes", "-5", "Import:MaxLineBytes"),
        ("Import__StableFor", "-00:00:01", "Import:StableFor"),
        ("Import__ScanInterval", "00:00:00", "Import:ScanInterval"),
        ("Import__MaxUploadBytes", "-1", "Import:MaxUploadBytes"),
        ("Api__MaxJsonBodyBytes", "0", "Api:MaxJsonBodyBytes"),
        ("Cluster__LeaderRetryInterval", "00:00:00", "Cluster:LeaderRetryInterval"),
    ];

    public static IEnumerable<CampaignCase> All(CampaignTarget target) =>
    [
        new("7", $"full disk under the {(target.IsPostgres ? "PostgreSQL database (its tablespace on a 24 MB tmpfs, as FullDiskTests does)" : "SQLite database (a 16 MB tmpfs)")}", () => FullDiskAsync(target)),
        new("8", "webhook that never answers, SMTP that accepts", () => DeadWebhookAsync(target)),
        new("9", "webhook replying 200 with an endless body", () => EndlessWebhookAsync(target)),
        .. OutOfRange.Select(s => new CampaignCase("14", $"start with {s.Variable}={s.Value}", () => BadSettingAsync(target, s.Variable, s.Value, s.Setting))),
        new("15", "'import' with no file", () => CommandAsync(target, 2, null, "import")),
        new("15", "'report' with a bad flag", () => CommandAsync(target, 2, null, "report", "--day", "2023-02-28", "--bogus")),
        new("15", "'import-prices <directory>'", () => CommandAsync(target, 1, "is a directory, not a file", "import-prices", target.Work, "--series", "day-ahead")),
    ];

    private static Dictionary<string, string> AlertSettings(string webhook) => new()
    {
        ["Alerts__WebhookUrl"] = webhook,
        ["Alerts__WebhookSecret"] = "campaign-webhook-secret-0123456789",
        ["Alerts__RetryBaseDelay"] = "00:00:00.200",
        ["Alerts__PollInterval"] = "00:00:01",
    };

    private static async Task<Verdict> DeadWebhookAsync(CampaignTarget target)
    {
        await using var webhook = new Receiver(Receiver.Kind.HangingWebhook);
        await using var smtp = new Receiver(Receiver.Kind.SmtpSink);
        var settings = new Dictionary<string, string>(await CampaignDatabase.CreateAsync(target, "alerts"))
        {
            ["Alerts__Smtp__Host"] = "127.0.0.1", ["Alerts__Smtp__Port"] = smtp.Port.ToString(), ["Alerts__Smtp__UseTls"] = "false",
            ["Alerts__Smtp__From"] = "flexpower@desk.example", ["Alerts__Smtp__To"] = "risk@desk.example",
            ["Alerts__SendTimeout"] = "00:00:30", // each webhook attempt may hang this long
        };
        foreach (var (key, value) in AlertSettings(webhook.Url)) settings[key] = value;
        await using var app = await CampaignApp.StartAsync(target, "alerts", settings);
        using var api = new CampaignApi(app.BaseUrl);

        var limit = await api.PutJsonAsync("/v1/limits/trader_1", new { max_open_mw = 50 });
        var watch = Stopwatch.StartNew();
        var trades = new[] { await api.PostJsonAsync("/v1/trades", CampaignApi.Trade("over-9", "2023-02-28", 9, quantity: 60)),
                             await api.PostJsonAsync("/v1/trades", CampaignApi.Trade("over-10", "2023-02-28", 10, quantity: 60)) };
        var arrived = await Wait.UntilAsync(() => smtp.Mails >= 2, TimeSpan.FromSeconds(10));
        var took = watch.Elapsed;
        // The webhook is called too; its receiver counts a request once it has its body, which may be after the e-mails.
        var called = await Wait.UntilAsync(() => webhook.Requests > 0, TimeSpan.FromSeconds(10));
        var right = limit.Status == 200 && trades.All(t => t.Status == 200) && arrived && called;
        return Verdict.Check(right, $"2 limit breaches; {smtp.Mails} e-mails {(arrived ? $"arrived {took.TotalSeconds:0.0} s after the trades" : "within 10 s")}; " +
                                    $"the webhook took {webhook.Requests} request(s) and answered none");
    }

    private static async Task<Verdict> EndlessWebhookAsync(CampaignTarget target)
    {
        await using var webhook = new Receiver(Receiver.Kind.EndlessWebhook);
        var settings = new Dictionary<string, string>(await CampaignDatabase.CreateAsync(target, "endless")) { ["Alerts__SendTimeout"] = "00:00:02" };
        foreach (var (key, value) in AlertSettings(webhook.Url)) settings[key] = value;
        await using var app = await CampaignApp.StartAsync(target, "endless", settings);
        using var api = new CampaignApi(app.BaseUrl);

        await api.PutJsonAsync("/v1/limits/trader_1", new { max_open_mw = 50 });
        var before = app.PeakMegabytes;
        var trade = await api.PostJsonAsync("/v1/trades", CampaignApi.Trade("over", "2023-02-28", 9, quantity: 60));
        JsonElement? delivery = null;
        await Wait.UntilAsync(async () =>
        {
            delivery = (await api.GetAsync("/v1/alerts/deliveries")).Json.EnumerateArray().FirstOrDefault(d => d.GetProperty("channel").GetString() == "webhook");
            return delivery is { ValueKind: JsonValueKind.Object } d && d.GetProperty("status").GetString() != "pending";
        }, TimeSpan.FromSeconds(30));
        var after = app.PeakMegabytes;
        var status = delivery is { ValueKind: JsonValueKind.Object } found ? found.GetProperty("status").GetString() : "none";
        var sentMb = webhook.BodyBytesSent >> 20;
        var right = trade.Status == 200 && status == "delivered" && sentMb < 32 && after - before < 64;
        return Verdict.Check(right, $"delivery {status}; the receiver got {sentMb} MB of reply onto the wire before the app hung up (limit 32 MB); " +
                                    $"app peak RSS {before} MB before, {after} MB after: +{after - before} MB (limit +64 MB)");
    }

    private static async Task<Verdict> BadSettingAsync(CampaignTarget target, string variable, string value, string setting)
    {
        var settings = new Dictionary<string, string>(await CampaignDatabase.CreateAsync(target, "settings")) { [variable] = value };
        var (exit, output, error) = await CampaignApp.RunToExitAsync(target, settings, "--urls", $"http://127.0.0.1:{CampaignApp.FreePort()}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var right = exit == 1 && lines is [var line] && line.StartsWith("FlexPower could not start:", StringComparison.Ordinal) && line.Contains(setting, StringComparison.Ordinal) &&
                    !(output + error).Contains("   at ", StringComparison.Ordinal) && !File.Exists(Path.Combine(target.Work, "settings.db"));
        return Verdict.Check(right, $"exit {exit}, {lines.Length} stderr line(s): \"{Text.Shown(string.Join(" | ", lines))}\"");
    }

    private static async Task<Verdict> CommandAsync(CampaignTarget target, int expectedExit, string? expectedError, params string[] arguments)
    {
        var (exit, output, error) = await CampaignApp.RunToExitAsync(target, await CampaignDatabase.CreateAsync(target, "cli"), arguments);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var right = exit == expectedExit && lines.Length > 0 && (expectedError is null || error.Contains(expectedError, StringComparison.Ordinal)) &&
                    !(output + error).Contains("   at ", StringComparison.Ordinal);
        return Verdict.Check(right, $"exit {exit} (expected {expectedExit}), stderr \"{Text.Shown(string.Join(" | ", lines))}\"");
    }

    private static async Task<Verdict> FullDiskAsync(CampaignTarget target)
    {
        if (!Environment.IsPrivilegedProcess) return Verdict.NotTried("needs root for tmpfs");
        await using var disk = await SmallDisk.MountAsync(target.IsPostgres ? 24 : 16, target.IsPostgres ? "postgres" : null);
        var settings = target.IsPostgres
            ? await OnTablespaceAsync(target, disk.Path)
            : new Dictionary<string, string> { ["Database__Provider"] = "Sqlite", ["ConnectionStrings__FlexPower"] = $"Data Source={Path.Combine(disk.Path, "flexpower.db")}" };
        try
        {
            await using var app = await CampaignApp.StartAsync(target, "disk", settings);
            using var api = new CampaignApi(app.BaseUrl);
            const string day = "2023-02-28";
            var first = await api.PostJsonAsync("/v1/trades", CampaignApi.Trade("before", day, 9));

            if (target.IsPostgres) // what autovacuum does to a catalog after the migrations: the next new session rewrites the relation-cache file
                await CampaignDatabase.AdminAsync(target, "VACUUM pg_catalog.pg_class", "campaign_disk");
            disk.Fill();
            if (target.IsPostgres) // sessions end (a server restart, an idle timeout): the app opens new ones while the disk is full
                await CampaignDatabase.AdminAsync(target, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'campaign_disk' AND pid <> pg_backend_pid()");
            // Writes may still land in space the database had already taken: keep writing, 8 clients at a time as a desk
            // does (so the app also opens new database connections while the disk is full), until 20 are refused.
            var answers = new List<(string Id, Answer Answer)>();
            for (var round = 0; round < 250 && answers.Count(a => a.Answer.Status == 503) < 20; round++)
                answers.AddRange(await Task.WhenAll(Enumerable.Range(8 * round, 8).Select(async i =>
                    ($"t{i}", await api.PostJsonAsync("/v1/trades", CampaignApi.Trade($"t{i}", day, i % 24))))));
            var health = await api.GetAsync("/health");
            disk.Free();
            var after = await api.PostJsonAsync("/v1/trades", CampaignApi.Trade("after", day, 9));
            var healthAfter = await api.GetAsync("/health");

            var refused = answers.Where(a => a.Answer.Status == 503).ToList();
            var others = answers.Where(a => a.Answer.Status is not (200 or 503)).ToList();
            var stored = (await api.GetAsync($"/v1/trades?delivery_day={day}")).Json.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToHashSet();
            string[] acknowledged = ["before", .. answers.Where(a => a.Answer.Status == 200).Select(a => a.Id), "after"];
            var exact = stored.SetEquals(acknowledged);
            var right = first.Status == 200 && refused.Count > 0 && others.Count == 0 && refused.All(r => r.Answer.Body.Contains("nothing was stored", StringComparison.Ordinal)) &&
                        health.Status == 503 && (health.Body.Contains("disk is full", StringComparison.Ordinal) || health.Body.Contains("disk may be full", StringComparison.Ordinal)) && after.Status == 200 && healthAfter.Status == 200 && exact;
            return Verdict.Check(right, $"{answers.Count} POSTs after the fill: {answers.Count - refused.Count - others.Count} answered 200, {refused.Count} answered " +
                                        $"{(refused.Count > 0 ? refused[0].Answer.ToString() : "503")}, {others.Count} other{(others.Count > 0 ? $" (first {others[0].Answer})" : "")}; " +
                                        $"/health {health}; after freeing: POST {after.Status}, /health {healthAfter.Status}; " +
                                        $"stored = answered 200: {(exact ? "yes" : $"NO ({stored.Count} stored, {acknowledged.Length} acknowledged)")}");
        }
        finally
        {
            if (target.IsPostgres)
            {
                await CampaignDatabase.AdminAsync(target, "DROP DATABASE IF EXISTS \"campaign_disk\" WITH (FORCE)");
                await CampaignDatabase.AdminAsync(target, "DROP TABLESPACE IF EXISTS \"campaign_disk\"");
            }
        }
    }

    /// <summary>A PostgreSQL database whose tablespace is the small disk (as FlexPower.Tests' FullDiskTests does it).</summary>
    private static async Task<Dictionary<string, string>> OnTablespaceAsync(CampaignTarget target, string location)
    {
        await CampaignDatabase.AdminAsync(target, "DROP DATABASE IF EXISTS \"campaign_disk\" WITH (FORCE)");
        await CampaignDatabase.AdminAsync(target, "DROP TABLESPACE IF EXISTS \"campaign_disk\"");
        await CampaignDatabase.AdminAsync(target, $"CREATE TABLESPACE \"campaign_disk\" LOCATION '{location}'");
        return await CampaignDatabase.CreateAsync(target, "disk", "campaign_disk");
    }
}
