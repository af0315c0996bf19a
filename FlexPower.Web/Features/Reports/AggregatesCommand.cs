using System.CommandLine;
using FlexPower.Core.Reports;

namespace FlexPower.Web.Features.Reports;

/// <summary><c>FlexPower.Web aggregates [--repair]</c>: proves the report aggregates equal the raw trades, and rebuilds them if not.</summary>
public static class AggregatesCommand
{
    public static Command Create(Option<string?> database, Func<string?, CancellationToken, Task<ServiceProvider>> openCore, TextWriter output)
    {
        var repair = new Option<bool>("--repair") { Description = "Rebuild the aggregates from the trades when they disagree." };
        var command = new Command("aggregates", "Checks that the hourly and daily PnL aggregates equal a GROUP BY over the raw trades. Exit code 0 when they agree (or were repaired), 3 when they disagree.")
        {
            repair, database,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var services = await openCore(parsed.GetValue(database), cancellationToken);
            var result = await services.GetRequiredService<AggregateCheck>().CheckAsync(parsed.GetValue(repair), cancellationToken);
            await output.WriteLineAsync(result.Consistent
                ? "Aggregates agree with the trades."
                : $"Aggregates disagreed with the trades: {result.DifferingQuarters} quarter-hour rows, {result.DifferingDays} day rows{(result.Repaired ? "; rebuilt from the trades." : ". Run with --repair to rebuild them.")}");
            return result.Consistent || result.Repaired ? 0 : 3;
        });
        return command;
    }
}
