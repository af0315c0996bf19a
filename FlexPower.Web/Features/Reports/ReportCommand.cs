using System.CommandLine;
using System.Text.Json;
using FlexPower.Core.Accounts;
using FlexPower.Web.Hosting;
using FlexPower.Core.Common;
using FlexPower.Core.Reports;

namespace FlexPower.Web.Features.Reports;

/// <summary><c>FlexPower.Web report --trader X --day D</c> or <c>--from --to [--granularity]</c>: the PnL reports in a terminal.</summary>
public static class ReportCommand
{
    public static Command Create(Option<string?> database, Func<string?, CancellationToken, Task<ServiceProvider>> openCore, TextWriter output, TextWriter error)
    {
        var trader = new Option<string?>("--trader") { Description = "Exchange trader id (e.g. trader_2); required for a day report, omit for the whole desk in a range report." };
        var day = new Option<string?>("--day") { Description = "Delivery day YYYY-MM-DD: PnL per Europe/Berlin delivery hour." };
        var from = new Option<string?>("--from") { Description = "First delivery day YYYY-MM-DD of a range report." };
        var to = new Option<string?>("--to") { Description = "Last delivery day YYYY-MM-DD of a range report." };
        var granularity = new Option<string>("--granularity") { Description = "Range periods: day, week or month.", DefaultValueFactory = _ => "day" };
        var hideEmpty = new Option<bool>("--hide-empty") { Description = "Leave out periods without trades." };
        var resolution = new Option<string?>("--resolution") { Description = "Periods of a day report: PT15M, PT30M or PT60M (default)." };
        var series = new Option<string?>("--series") { Description = "Reference series for the MtM columns (default: the Reports:ReferenceSeries setting, day-ahead)." };
        var format = new Option<string>("--format") { Description = "table, csv or json (json is the API's document).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var report = new Command("report", "Prints a trader's PnL for a delivery day (--day) or a range (--from/--to) from the configured database. Exit code 0, 2 for bad arguments.")
        {
            trader, day, from, to, granularity, resolution, series, hideEmpty, format, database,
        };
        report.SetAction(async (parsed, cancellationToken) =>
        {
            var (dayText, fromText, toText) = (parsed.GetValue(day), parsed.GetValue(from), parsed.GetValue(to));
            if ((dayText is null) == (fromText is null && toText is null))
            {
                await error.WriteLineAsync("error: give either --day YYYY-MM-DD, or --from and --to (with optional --granularity).");
                return 2;
            }
            var operatorCaller = CommandLineFile.Operator;
            try
            {
                var services = await openCore(parsed.GetValue(database), cancellationToken);
                var reports = services.GetRequiredService<ReportService>();
                var text = dayText is not null
                    ? Print(await reports.DayAsync(operatorCaller, parsed.GetValue(trader), ReportRules.Day(dayText, "--day"), parsed.GetValue(series), cancellationToken,
                        ReportRules.ParseResolution(parsed.GetValue(resolution), "--resolution")), parsed.GetValue(format)!, parsed.GetValue(hideEmpty))
                    : Print(await RangeAsync(reports, operatorCaller, parsed.GetValue(trader), fromText, toText, parsed.GetValue(granularity), parsed.GetValue(series), cancellationToken), parsed.GetValue(format)!);
                await output.WriteLineAsync(text);
                return 0;
            }
            catch (ValidationFailedException e)
            {
                await error.WriteLineAsync($"error: {e.Message.Replace("trader_id is required", "--trader is required")}");
                return 2;
            }
        });
        return report;
    }

    private static Task<RangeReport> RangeAsync(ReportService reports, Caller caller, string? trader, string? from, string? to, string? granularity, string? series, CancellationToken cancellationToken)
    {
        var (start, end) = ReportRules.Range(from, to);
        return reports.RangeAsync(caller, trader, start, end, ReportRules.ParseGranularity(granularity), series, cancellationToken);
    }

    private static string Print(DayReport report, string format, bool hideEmpty) => format switch
    {
        "json" => JsonSerializer.Serialize(hideEmpty ? report with { Hours = report.Hours.Where(h => !h.IsEmpty()).ToList() } : report, ContractJson.Options),
        "csv" => ReportCsv.ToText(stream => ReportCsv.Write(stream, report, hideEmpty)).TrimEnd('\n'),
        _ => ReportTable.Day(report, hideEmpty),
    };

    private static string Print(RangeReport report, string format) => format switch
    {
        "json" => JsonSerializer.Serialize(report, ContractJson.Options),
        "csv" => ReportCsv.ToText(stream => ReportCsv.Write(stream, report)).TrimEnd('\n'),
        _ => ReportTable.Range(report),
    };
}
