using System.CommandLine;
using FlexPower.Core.Common;
using FlexPower.Core.Import;
using FlexPower.Web.Hosting;

namespace FlexPower.Web.Features.Imports;

/// <summary><c>FlexPower.Web import file.csv [--force] [--db file]</c>: the same import as the page and the API, for scripts.</summary>
public static class ImportCommand
{
    /// <param name="openCore">Core services, their database's preparation still running: the import reads the file meanwhile.</param>
    public static Command Create(Option<string?> database, Func<string?, CancellationToken, (ServiceProvider Services, Task<IReadOnlyList<string>> Prepared)> openCore, TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The exchange CSV file (epex_trades_YYYYMMDD.csv layout) or EPEX SPOT continuous-trades export to import." };
        var force = new Option<bool>("--force") { Description = "Re-run a file whose content was imported before (it then only finds duplicates)." };
        var trader = new Option<string?>("--trader") { Description = "Whose trades the file holds: required for an EPEX SPOT continuous-trades export; for an exchange file, every row must name it." };
        var import = new Command("import", "Imports a trade file into the configured database and prints the summary. Exit code 0 when the file was processed (even with rejected rows), 1 when it could not be read (an EPEX SPOT export without --trader), 2 for bad arguments.")
        {
            file, force, trader, database,
        };
        import.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            var (name, problem, exitCode) = CommandLineFile.Check(path);
            if (problem is not null)
            {
                await error.WriteLineAsync($"error: {problem}");
                return exitCode;
            }
            string? traderId;
            try
            {
                traderId = CommandLineFile.Operator.UploadTrader(parsed.GetValue(trader));
            }
            catch (ValidationFailedException e)
            {
                await error.WriteLineAsync($"error: --trader: {e.Message}");
                return 2;
            }
            var (services, _) = openCore(parsed.GetValue(database), cancellationToken);
            var request = new ImportRequest(name!, ImportSource.CommandLine, CommandLineFile.Operator, parsed.GetValue(force)) { TraderId = traderId };
            try
            {
                var result = await services.GetRequiredService<ImportService>().ImportFileAsync(path.FullName, request, cancellationToken: cancellationToken);
                await WriteSummaryAsync(output, result);
                return 0;
            }
            catch (ImportFailedException e)
            {
                await error.WriteLineAsync($"error: {name} was not imported (ledger #{e.Record.Id}): {e.Message}");
                return 1;
            }
        });
        return import;
    }

    private static async Task WriteSummaryAsync(TextWriter output, ImportResult r)
    {
        await output.WriteLineAsync($"{r.FileName}: {ImportStatusText.Of(r.Status)} (import #{r.ImportId}, sha256 {r.Sha256[..12]}…)");
        if (r.Message is not null) await output.WriteLineAsync($"  {r.Message}");
        await output.WriteLineAsync($"  rows {r.Rows:N0}, inserted {r.Inserted:N0}, duplicates {r.Duplicates:N0}, rejected {r.RejectedCount:N0}");
        foreach (var rejected in r.Rejected.Take(50))
            await output.WriteLineAsync($"  line {rejected.Line}: {rejected.Reason}");
        if (r.RejectedCount > 50) await output.WriteLineAsync($"  … and {r.RejectedCount - 50:N0} more (all are kept in the import ledger).");
    }
}
