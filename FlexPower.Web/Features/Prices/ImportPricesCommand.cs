using System.CommandLine;
using FlexPower.Core.Common;
using FlexPower.Core.Import;
using FlexPower.Core.Prices;
using FlexPower.Web.Hosting;

namespace FlexPower.Web.Features.Prices;

/// <summary><c>FlexPower.Web import-prices file.csv --series day-ahead [--force] [--db file]</c>: the same price import as the page, the API and the inbox.</summary>
public static class ImportPricesCommand
{
    public static Command Create(Option<string?> database, Func<string?, CancellationToken, Task<ServiceProvider>> openCore, TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "delivery_day,delivery_hour,price_eur_mwh or delivery_start,delivery_end,price_eur_mwh CSV, or a SMARD wholesale-price export." };
        var series = new Option<string>("--series") { Description = "The series to import into (e.g. day-ahead, id3).", Required = true };
        var force = new Option<bool>("--force") { Description = "Re-run a file whose content was imported before." };
        var command = new Command("import-prices", "Imports reference prices into a series and prints the summary. Exit code 0 when the file was processed (even with rejected lines), 1 when it could not be read, 2 for bad arguments.")
        {
            file, series, force, database,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            if (!PriceRules.IsSeriesName(parsed.GetValue(series)))
            {
                await error.WriteLineAsync($"error: --series '{Echo.Value(parsed.GetValue(series) ?? "")}' is not a series name: 1 to {PriceRules.MaxSeriesLength} lower-case letters, digits, '-' or '_' (e.g. day-ahead).");
                return 2;
            }
            var (name, problem, exitCode) = CommandLineFile.Check(path);
            if (problem is not null)
            {
                await error.WriteLineAsync($"error: {problem}");
                return exitCode;
            }
            var services = await openCore(parsed.GetValue(database), cancellationToken);
            var request = new PriceImportRequest(parsed.GetValue(series)!, name!, ImportSource.CommandLine, CommandLineFile.Operator, parsed.GetValue(force));
            try
            {
                var r = await services.GetRequiredService<PriceImportService>().ImportFileAsync(path.FullName, request, cancellationToken);
                await output.WriteLineAsync($"{r.FileName}: {ImportStatusText.Readable(r.Status)} into {r.Series} (import #{r.ImportId}, sha256 {r.Sha256[..12]}…)");
                if (r.Message is not null) await output.WriteLineAsync($"  {r.Message}");
                await output.WriteLineAsync($"  lines {r.Rows:N0}, new periods {r.Inserted:N0}, corrected {r.Updated:N0}, unchanged {r.Unchanged:N0}, rejected {r.RejectedCount:N0}");
                foreach (var rejected in r.Rejected.Take(50))
                    await output.WriteLineAsync($"  line {rejected.Line}: {rejected.Reason}");
                if (r.RejectedCount > 50) await output.WriteLineAsync($"  … and {r.RejectedCount - 50:N0} more (all are kept in the import ledger).");
                return 0;
            }
            catch (ImportFailedException e)
            {
                await error.WriteLineAsync($"error: {name} was not imported (ledger #{e.Record.Id}): {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
