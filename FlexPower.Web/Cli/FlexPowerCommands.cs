using System.CommandLine;
using FlexPower.Core;
using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Schema;
using FlexPower.Core.Import;
using FlexPower.Core.Reports;

namespace FlexPower.Web.Cli;

/// <summary>
/// Batch verbs of the same executable (`FlexPower.Web import file.csv`). They use the app's configuration and
/// Core services against the configured database, but start no web server, create no accounts and seed no demo data.
/// </summary>
public static class FlexPowerCommands
{
    private static readonly string[] Verbs = ["import", "report", "aggregates"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var database = new Option<string?>("--db") { Description = "SQLite file to use instead of ConnectionStrings:FlexPower." };
        var root = new RootCommand("FlexPower batch commands.");
        root.Subcommands.Add(ImportCommand(database, output, error));
        root.Subcommands.Add(ReportCommand(database, output, error));
        root.Subcommands.Add(AggregatesCommand(database, output));
        return root.Parse(args).InvokeAsync();
    }

    private static Command ImportCommand(Option<string?> database, TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The exchange CSV file to import (epex_trades_YYYYMMDD.csv layout)." };
        var force = new Option<bool>("--force") { Description = "Re-run a file whose content was imported before (it then only finds duplicates)." };
        var import = new Command("import", "Imports a trade file into the configured database and prints the summary. Exit code 0 when the file was processed (even with rejected rows), 1 when it could not be read.")
        {
            file, force, database,
        };
        import.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"error: {path.FullName} does not exist.");
                return 1;
            }
            await using var services = await CoreServicesAsync(parsed.GetValue(database), cancellationToken);
            var request = new ImportRequest(path.Name, ImportSource.CommandLine, new Caller($"cli:{Environment.UserName}", true, null), parsed.GetValue(force));
            try
            {
                var result = await services.GetRequiredService<ImportService>().ImportFileAsync(path.FullName, request, cancellationToken: cancellationToken);
                await ImportSummary.WriteAsync(output, result);
                return 0;
            }
            catch (ImportFailedException e)
            {
                await error.WriteLineAsync($"error: {path.Name} was not imported (ledger #{e.Result.ImportId}): {e.Message}");
                return 1;
            }
        });
        return import;
    }

    private static Command ReportCommand(Option<string?> database, TextWriter output, TextWriter error)
    {
        var trader = new Option<string?>("--trader") { Description = "Exchange trader id (e.g. trader_2); required for a day report, omit for the whole desk in a range report." };
        var day = new Option<string?>("--day") { Description = "Delivery day YYYY-MM-DD: PnL per Europe/Berlin delivery hour." };
        var from = new Option<string?>("--from") { Description = "First delivery day YYYY-MM-DD of a range report." };
        var to = new Option<string?>("--to") { Description = "Last delivery day YYYY-MM-DD of a range report." };
        var granularity = new Option<string>("--granularity") { Description = "Range periods: day, week or month.", DefaultValueFactory = _ => "day" };
        var hideEmpty = new Option<bool>("--hide-empty") { Description = "Leave out hours without trades." };
        var format = new Option<string>("--format") { Description = "table, csv or json (json is the API's document).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var report = new Command("report", "Prints a trader's PnL for a delivery day (--day) or a range (--from/--to) from the configured database.")
        {
            trader, day, from, to, granularity, hideEmpty, format, database,
        };
        report.SetAction(async (parsed, cancellationToken) =>
        {
            var (dayText, fromText, toText) = (parsed.GetValue(day), parsed.GetValue(from), parsed.GetValue(to));
            if ((dayText is null) == (fromText is null && toText is null))
            {
                await error.WriteLineAsync("error: give either --day YYYY-MM-DD, or --from and --to (with optional --granularity).");
                return 2;
            }
            await using var services = await CoreServicesAsync(parsed.GetValue(database), cancellationToken);
            var reports = services.GetRequiredService<ReportService>();
            var operatorCaller = new Caller($"cli:{Environment.UserName}", true, null);
            try
            {
                string text;
                if (dayText is not null)
                    text = ReportPrinter.Day(await reports.DayAsync(operatorCaller, parsed.GetValue(trader), ReportRules.Day(dayText, "--day"), cancellationToken),
                        parsed.GetValue(format)!, parsed.GetValue(hideEmpty));
                else
                {
                    var (start, end) = ReportRules.Range(fromText, toText);
                    text = ReportPrinter.Range(await reports.RangeAsync(operatorCaller, parsed.GetValue(trader), start, end, ReportRules.ParseGranularity(parsed.GetValue(granularity)), cancellationToken),
                        parsed.GetValue(format)!);
                }
                await output.WriteLineAsync(text);
                return 0;
            }
            catch (FlexPower.Core.Common.ValidationFailedException e)
            {
                await error.WriteLineAsync($"error: {e.Message.Replace("trader_id is required", "--trader is required")}");
                return 2;
            }
        });
        return report;
    }

    private static Command AggregatesCommand(Option<string?> database, TextWriter output)
    {
        var repair = new Option<bool>("--repair") { Description = "Rebuild the aggregates from the trades when they disagree." };
        var command = new Command("aggregates", "Checks that the hourly and daily PnL aggregates equal a GROUP BY over the raw trades. Exit code 0 when they agree (or were repaired), 3 when they disagree.")
        {
            repair, database,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var services = await CoreServicesAsync(parsed.GetValue(database), cancellationToken);
            var result = await services.GetRequiredService<AggregateCheck>().CheckAsync(parsed.GetValue(repair), cancellationToken);
            await output.WriteLineAsync(result.Consistent
                ? "Aggregates agree with the trades."
                : $"Aggregates disagreed with the trades: {result.DifferingHours} hour rows, {result.DifferingDays} day rows{(result.Repaired ? "; rebuilt from the trades." : ". Run with --repair to rebuild them.")}");
            return result.Consistent || result.Repaired ? 0 : 3;
        });
        return command;
    }

    /// <summary>The app's configuration (appsettings, environment) and Core services, without building a web host.</summary>
    private static async Task<ServiceProvider> CoreServicesAsync(string? databasePath, CancellationToken cancellationToken)
    {
        var contentRoot = WebApplicationExtensions.LocateContentRoot() ?? Directory.GetCurrentDirectory();
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(contentRoot)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        if (databasePath is not null)
            configuration["ConnectionStrings:FlexPower"] = $"Data Source={Path.GetFullPath(databasePath)}";
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddHttpContextAccessor();
        services.AddAuthentication();
        services.AddFlexPowerCore(configuration, contentRoot);
        var provider = services.BuildServiceProvider();
        await DatabaseSetup.PrepareAsync(provider.GetRequiredService<FlexPowerDatabase>(), provider.GetRequiredService<ILogger<SchemaUpgrader>>(), cancellationToken);
        return provider;
    }
}

internal static class ImportSummary
{
    public static async Task WriteAsync(TextWriter output, ImportResult r)
    {
        await output.WriteLineAsync($"{r.FileName}: {Endpoints.ImportResultDto.StatusText(r.Status)} (import #{r.ImportId}, sha256 {r.Sha256[..12]}…)");
        if (r.Message is not null) await output.WriteLineAsync($"  {r.Message}");
        await output.WriteLineAsync($"  rows {r.Rows:N0}, inserted {r.Inserted:N0}, duplicates {r.Duplicates:N0}, rejected {r.RejectedCount:N0}");
        foreach (var rejected in r.Rejected.Take(50))
            await output.WriteLineAsync($"  line {rejected.Line}: {rejected.Reason}");
        if (r.RejectedCount > 50) await output.WriteLineAsync($"  … and {r.RejectedCount - 50:N0} more (all are kept in the import ledger).");
    }
}
