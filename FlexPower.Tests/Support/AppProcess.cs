using System.Diagnostics;
using System.Text.RegularExpressions;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Support;

/// <summary>
/// The built FlexPower.Web executable, started as its own process on real Kestrel at a free loopback port,
/// with a fresh database and a known bootstrap manager — what a user runs, not an in-memory host.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    public const string ManagerName = "boss";
    public const string ManagerPassword = "Boss-Passw0rd!";

    private readonly Process process;
    private readonly TempDatabase database;
    private readonly System.Text.StringBuilder output = new();

    private readonly bool ownsDatabase;

    private AppProcess(Process process, TempDatabase database, bool ownsDatabase) => (this.process, this.database, this.ownsDatabase) = (process, database, ownsDatabase);

    public string BaseUrl { get; private set; } = "";
    public string Output { get { lock (output) return output.ToString(); } }

    public TempDatabase Database => database;
    public string InboxDirectory => Path.Combine(database.Directory, "import", "inbox");

    /// <summary>Starts the app; pass a database to restart on an existing file (the caller then owns it).</summary>
    public static async Task<AppProcess> StartAsync(TempDatabase? existing = null, bool seedDemo = true, Dictionary<string, string>? settings = null)
    {
        var database = existing ?? new TempDatabase();
        var app = new AppProcess(Process.Start(StartInfo(database, seedDemo, settings ?? []))!, database, ownsDatabase: existing is null);
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (app.output) app.output.AppendLine(e.Data);
            var match = ListeningLine().Match(e.Data);
            if (match.Success) listening.TrySetResult(match.Groups["url"].Value);
        }
        app.process.OutputDataReceived += Collect;
        app.process.ErrorDataReceived += Collect;
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();

        var finished = await Task.WhenAny(listening.Task, app.process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != listening.Task)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"FlexPower.Web did not start listening:\n{app.Output}");
        }
        app.BaseUrl = listening.Task.Result.TrimEnd('/');
        return app;
    }

    /// <summary>Runs the app with extra settings until it exits by itself (start-up failures): its exit code, standard output and standard error.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunUntilExitAsync(TempDatabase database, Dictionary<string, string> settings) =>
        RunToExitAsync(StartInfo(database, seedDemo: false, settings), "FlexPower.Web kept running instead of refusing to start");

    /// <summary>Runs a terminal verb (<c>import</c>, <c>report</c>, …) of the executable against the database, as an operator would.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunCommandAsync(TempDatabase database, params string[] arguments) =>
        RunCommandAsync(database, [], arguments);

    public static Task<(int ExitCode, string Output, string Error)> RunCommandAsync(TempDatabase database, Dictionary<string, string> settings, params string[] arguments) =>
        RunToExitAsync(StartInfo(database, seedDemo: false, settings, arguments), $"'{string.Join(' ', arguments)}' did not finish");

    /// <summary>Runs a terminal verb as <see cref="RunCommandAsync(TempDatabase, string[])"/> does, and its peak resident memory (Linux's VmHWM) in bytes.</summary>
    public static async Task<(int ExitCode, string Output, long PeakBytes)> RunCommandMeasuringMemoryAsync(TempDatabase database, TimeSpan timeout, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(database, seedDemo: false, [], arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var peak = 0L;
        try
        {
            // VmHWM only grows, so its last reading before the exit is the peak up to then.
            await Wait.UntilAsync(() =>
            {
                peak = Math.Max(peak, PeakResidentBytes(process.Id));
                return process.HasExited;
            }, $"'{string.Join(' ', arguments)}' finishes", timeout);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await output + await error, peak);
    }

    private static long PeakResidentBytes(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0; // the process has just exited
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(ProcessStartInfo start, string timeoutMessage)
    {
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
            throw new TimeoutException($"{timeoutMessage}:\n{await output}");
        }
        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(TempDatabase database, bool seedDemo, Dictionary<string, string> settings, string[]? arguments = null)
    {
        var (executable, projectDirectory) = LocateWebExecutable();
        var start = new ProcessStartInfo(executable, arguments ?? ["--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = projectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Development serves static web assets straight from the build output, as `dotnet run` does.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in database.Settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["Bootstrap__Manager__UserName"] = ManagerName;
        start.Environment["Bootstrap__Manager__Password"] = ManagerPassword;
        start.Environment["Demo__Seed"] = seedDemo ? "true" : "false";
        start.Environment["Import__InboxDirectory"] = Path.Combine(database.Directory, "import", "inbox");
        start.Environment["Import__ArchiveDirectory"] = Path.Combine(database.Directory, "import", "archive");
        start.Environment["Import__FailedDirectory"] = Path.Combine(database.Directory, "import", "failed");
        start.Environment["Import__StableFor"] = "00:00:00.300";
        start.Environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        return start;
    }

    /// <summary>SIGKILL: no shutdown, no flush — what a crash or an OOM kill does.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        if (ownsDatabase) database.Dispose();
    }

    private static (string Executable, string ProjectDirectory) LocateWebExecutable()
    {
        // Tests run from FlexPower.Tests/bin/<Configuration>/<framework>/; the app is built beside them.
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FlexPower.Web.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("FlexPower.Web.sln not found above " + AppContext.BaseDirectory);
        var project = Path.Combine(root.FullName, "FlexPower.Web");
        var executable = Path.Combine(project, "bin", configuration, framework, "FlexPower.Web");
        if (!File.Exists(executable)) throw new InvalidOperationException($"Build FlexPower.Web first: {executable} is missing.");
        return (executable, project);
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://[^\s""]+)")]
    private static partial Regex ListeningLine();
}
