using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FlexPower.Bench;

/// <summary>The database a campaign app of its own runs on: a SQLite file in the work folder, or a PostgreSQL database created for it.</summary>
public static class CampaignDatabase
{
    /// <summary>The settings of a fresh database called <paramref name="name"/> (in <paramref name="tablespace"/> when given).</summary>
    public static async Task<Dictionary<string, string>> CreateAsync(CampaignTarget target, string name, string? tablespace = null)
    {
        if (!target.IsPostgres)
        {
            foreach (var file in Directory.GetFiles(target.Work, $"{name}.db*")) File.Delete(file);
            return new() { ["Database__Provider"] = "Sqlite", ["ConnectionStrings__FlexPower"] = $"Data Source={Path.Combine(target.Work, name + ".db")}" };
        }
        var database = $"campaign_{name}";
        await AdminAsync(target, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        await AdminAsync(target, $"CREATE DATABASE \"{database}\"" + (tablespace is null ? "" : $" TABLESPACE \"{tablespace}\""));
        return new() { ["Database__Provider"] = "Postgres", ["ConnectionStrings__FlexPower"] = $"{target.PostgresServer};Database={database}" };
    }

    public static async Task AdminAsync(CampaignTarget target, string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection($"{target.PostgresServer};Database={database};Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A published FlexPower of the campaign's own, started with the settings a case needs, answering /health on a free loopback
/// port; its output goes to <c>&lt;name&gt;.log</c> in the work folder.
/// </summary>
public sealed class CampaignApp : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private CampaignApp(Process process, StreamWriter log, string baseUrl) => (this.process, this.log, BaseUrl) = (process, log, baseUrl);

    public string BaseUrl { get; }

    public static async Task<CampaignApp> StartAsync(CampaignTarget target, string name, Dictionary<string, string> settings)
    {
        var port = FreePort();
        var log = Path.Combine(target.Work, name + ".log");
        var start = StartInfo(target, settings, ["--urls", $"http://127.0.0.1:{port}"]);
        start.Environment["Import__Enabled"] = "false"; // only the case's own alerts
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        var output = File.CreateText(log);
        output.AutoFlush = true;
        void Write(object _, DataReceivedEventArgs e) { if (e.Data is not null) lock (output) output.WriteLine(e.Data); }
        process.OutputDataReceived += Write;
        process.ErrorDataReceived += Write;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new CampaignApp(process, output, $"http://127.0.0.1:{port}");
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var healthy = await Wait.UntilAsync(async () =>
        {
            if (process.HasExited) return true;
            try { return (await probe.GetAsync($"{app.BaseUrl}/health")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(90));
        if (!healthy || process.HasExited)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"the app '{name}' did not become healthy; see {log}");
        }
        return app;
    }

    /// <summary>Runs the executable with these settings and arguments until it exits (a verb, or a start it refuses).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(CampaignTarget target, Dictionary<string, string> settings, params string[] arguments)
    {
        var start = StartInfo(target, settings, arguments);
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', arguments)}' was still running after 60 s");
        }
        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(CampaignTarget target, Dictionary<string, string> settings, string[] arguments)
    {
        var start = new ProcessStartInfo(target.App, arguments) { UseShellExecute = false, WorkingDirectory = target.Work };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Bootstrap__Manager__UserName"] = CampaignApi.User;
        start.Environment["Bootstrap__Manager__Password"] = CampaignApi.Password;
        start.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        return start;
    }

    /// <summary>Peak resident memory so far (Linux's VmHWM), in MB.</summary>
    public long PeakMegabytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(); // and for the last of its output
        process.Dispose();
        lock (log) log.Dispose();
    }
}

public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds or <paramref name="timeout"/> passes; whether it held.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await condition()) return true;
            if (watch.Elapsed > timeout) return false;
            await Task.Delay(100);
        }
    }

    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout) => UntilAsync(() => Task.FromResult(condition()), timeout);
}
