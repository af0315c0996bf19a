using System.CommandLine;
using FlexPower.Core;
using FlexPower.Core.Common;
using FlexPower.Web.Features.Imports;
using FlexPower.Web.Features.Prices;
using FlexPower.Web.Features.Reports;

namespace FlexPower.Web.Hosting;

/// <summary>
/// Batch verbs of the same executable (`FlexPower.Web import file.csv`). They use the app's configuration and the
/// Core services against the configured database, but start no web server, create no accounts and seed no demo data.
/// </summary>
public static class CommandLine
{
    /// <summary>
    /// A first argument that is a word, not a host setting (`--urls …`, `urls=…`), names a verb: a mistyped one gets an
    /// error and the list of verbs rather than a web server that quietly ignores it. A request for help gets the verbs too.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (args[0] is "--help" or "-h" or "-?" || !args[0].StartsWith('-') && !args[0].Contains('='));

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        // The verb's Core services belong to this method, not the verb: whatever the verb's writes set off (limit checks
        // of stored trades or new prices) runs after their commit, and is let finish before the services go.
        ServiceProvider? opened = null;
        Task preparing = Task.CompletedTask;
        // The database is prepared in the background: an import reads its file meanwhile, and its first use of the database waits.
        (ServiceProvider Services, Task<IReadOnlyList<string>> Prepared) Open(string? databasePath, CancellationToken cancellationToken)
        {
            var services = opened = OpenCore(databasePath);
            var prepared = services.PrepareDatabaseAsync(cancellationToken);
            preparing = prepared;
            return (services, prepared);
        }
        async Task<ServiceProvider> OpenAsync(string? databasePath, CancellationToken cancellationToken)
        {
            var (services, prepared) = Open(databasePath, cancellationToken);
            await prepared;
            return services;
        }

        var database = new Option<string?>("--db") { Description = "A SQLite file to use instead of the configured database (Database:Provider and ConnectionStrings:FlexPower)." };
        var root = new RootCommand("FlexPower batch commands. Exit code 2 for bad arguments (an unknown verb or option, a missing or malformed value), whatever the verb.");
        root.Subcommands.Add(ImportCommand.Create(database, Open, output, error));
        root.Subcommands.Add(ImportPricesCommand.Create(database, OpenAsync, output, error));
        root.Subcommands.Add(ReportCommand.Create(database, OpenAsync, output, error));
        root.Subcommands.Add(AggregatesCommand.Create(database, OpenAsync, output));
        root.Subcommands.Add(MigrateCommand.Create(database, Open, output));
        try
        {
            var parsed = root.Parse(args);
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
            // The parser prints what is wrong and the help, but would exit 1, which the verbs use for "could not be read".
            if (parsed.Errors.Count > 0)
            {
                await parsed.InvokeAsync(invocation);
                return 2;
            }
            return await parsed.InvokeAsync(invocation);
        }
        catch (Exception e)
        {
            // One line for the operator (a database that cannot be reached, a bad setting), never a stack trace.
            await error.WriteLineAsync($"error: {StartupErrors.Describe(e) ?? e.Message}");
            return 1;
        }
        finally
        {
            if (opened is not null)
            {
                // A verb that failed before it waited for its database leaves the preparation running: it ends first (the verb reports its own error).
                await Task.WhenAny(preparing);
                await opened.GetRequiredService<ChangeNotifier>().DrainAsync();
                await opened.DisposeAsync();
            }
        }
    }

    /// <summary>The app's configuration (appsettings, environment) and Core services, without a web host; the database is not prepared yet.</summary>
    private static ServiceProvider OpenCore(string? databasePath)
    {
        var contentRoot = ContentRoot.Locate() ?? Directory.GetCurrentDirectory();
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationBuilder()
            .SetBasePath(contentRoot)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        if (databasePath is not null)
        {
            configuration["Database:Provider"] = "Sqlite";
            configuration["ConnectionStrings:FlexPower"] = $"Data Source={Path.GetFullPath(databasePath)}";
        }
        return new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
            .AddFlexPowerCore(configuration, contentRoot)
            .AddFlexPowerTelemetry(configuration, webServer: false)
            .BuildServiceProvider()
            .StartTelemetry();
    }
}
