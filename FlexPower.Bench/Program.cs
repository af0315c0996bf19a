using FlexPower.Bench;

// Bench commands for the performance targets in docs/performance.md; see bench/*.sh for the full runs.
// <db> is a SQLite file or a PostgreSQL connection string (Host=…).
//   generate-trades <db> [rows=10000000] [traders=50] [year=2025] [--periods hourly|mixed]   (mixed: 70 % quarter-hours, 15 % half-hours, 15 % hours)
//   generate-csv <file> [rows=1000000] [traders=50] [year=2025]
//   trades <db> [iterations=30]
//   reports <db> [iterations=30]
//   planner [BenchmarkDotNet arguments, e.g. --filter *]
//   load <baseUrl[,baseUrl...]> <user> <password> [trades=100000] [writers=50] [readers=20]
//   pages <base url> <manager user> <manager password> [iterations=5] [paths=/,/reports,…]   (a running app with the demo traders: time until usable, cold and warm)
//   auth <base url> <manager user> <manager password> [calls=2000]   (a Bearer call against a cached Basic call)
//   campaign <sqlite|postgres> <published FlexPower.Web> <base url> <work dir> [<PostgreSQL server connection string>]   (bench/campaign.sh)
var command = args.FirstOrDefault();
try
{
    var periods = TradeGenerator.Periods.Hourly;
    if (Array.IndexOf(args, "--periods") is var option and >= 0)
    {
        if (!Enum.TryParse(args.ElementAtOrDefault(option + 1), ignoreCase: true, out periods) || !Enum.IsDefined(periods))
            throw new FormatException($"--periods must be hourly or mixed (got '{args.ElementAtOrDefault(option + 1)}').");
        args = [.. args[..option], .. args[(option + 2)..]];
    }
    switch (command)
    {
        case "generate-trades":
            TradeGenerator.Generate(args[1], Arg(2, 10_000_000), (int)Arg(3, 50), (int)Arg(4, 2025), periods);
            return 0;
        case "generate-csv":
            TradeGenerator.GenerateCsv(args[1], Arg(2, 1_000_000), (int)Arg(3, 50), (int)Arg(4, 2025));
            return 0;
        case "planner":
            PlannerBenchmarks.Run(args[1..]);
            return 0;
        case "reports":
            await ReportBench.RunAsync(args[1], (int)Arg(2, 30));
            return 0;
        case "pages":
            await PageBench.RunAsync(args[1], args[2], args[3], (int)Arg(4, 5), args.Length > 5 ? args[5].Split(',') : null);
            return 0;
        case "trades":
            await TradeBench.RunAsync(args[1], (int)Arg(2, 30));
            return 0;
        case "auth":
            return await AuthBench.RunAsync(args[1], args[2], args[3], (int)Arg(4, 2000));
        case "load":
            return await LoadTest.RunAsync(args[1].Split(','), args[2], args[3], (int)Arg(4, 100_000), (int)Arg(5, 50), (int)Arg(6, 20));
        case "campaign":
            return await Campaign.RunAsync(new CampaignTarget(args[1], Path.GetFullPath(args[2]), args[3], Path.GetFullPath(args[4]), args.Length > 5 ? args[5] : null));
        default:
            Console.Error.WriteLine("usage: FlexPower.Bench generate-trades <db> [rows] [traders] [year] [--periods hourly|mixed] | generate-csv <file> [rows] [traders] [year] | trades <db> [iterations] | reports <db> [iterations] | planner [--filter *] | load <baseUrl[,baseUrl]> <user> <password> [trades] [writers] [readers] | pages <url> <user> <password> [iterations] [paths] | auth <url> <user> <password> [calls] | campaign <sqlite|postgres> <app> <url> <work dir> [<postgres server>]");
            return 2;
    }
}
catch (Exception e) when (e is InvalidOperationException or IndexOutOfRangeException or FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

long Arg(int index, long fallback) => args.Length > index ? long.Parse(args[index]) : fallback;
