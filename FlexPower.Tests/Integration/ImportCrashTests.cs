using System.Text;
using FlexPower.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FlexPower.Tests.Integration;

/// <summary>The real app process killed in the middle of an inbox import, then started again on the same database.</summary>
public sealed class ImportCrashTests
{
    private const int Rows = 600_000;

    [Fact]
    public async Task KilledDuringALargeImport_LeavesNoTradeOfThatFile_AndTheNextStartImportsItCompletely()
    {
        using var database = new TempDatabase();
        var inbox = Path.Combine(database.Directory, "import", "inbox");
        Directory.CreateDirectory(inbox);
        WriteLargeFile(Path.Combine(inbox, "epex_trades_20250301.csv"));

        await using (var first = await AppProcess.StartAsync(database, seedDemo: false))
        {
            // Killed once the file's transaction is open and rows are going in, long before its commit.
            await Wait.UntilAsync(() => first.Output.Contains("epex_trades_20250301.csv: storing it"), "the import stores its rows", TimeSpan.FromSeconds(60));
            await first.KillAsync();
            Assert.DoesNotContain("Inbox: epex_trades_20250301.csv Imported", first.Output);
        }

        Assert.Equal(0, Count(database, "SELECT COUNT(*) FROM trades"));
        Assert.Equal(0, Count(database, "SELECT COUNT(*) FROM imports WHERE status = 'Imported'"));
        Assert.True(File.Exists(Path.Combine(inbox, "epex_trades_20250301.csv")));

        await using (var second = await AppProcess.StartAsync(database, seedDemo: false))
        {
            await Wait.UntilAsync(() => second.Output.Contains("Inbox: epex_trades_20250301.csv Imported"), "the restarted app imports the file", TimeSpan.FromSeconds(120));
        }
        Assert.Equal(Rows, Count(database, "SELECT COUNT(*) FROM trades"));
        Assert.Equal(Rows, Count(database, "SELECT inserted FROM imports WHERE status = 'Imported'"));
        Assert.False(File.Exists(Path.Combine(inbox, "epex_trades_20250301.csv")));
    }

    [Fact]
    public async Task KilledDuringALargePriceImport_LeavesALedgerLineSayingWhatItStored_AndTheNextStartCompletesTheFile()
    {
        using var database = new TempDatabase();
        var inbox = Path.Combine(database.Directory, "import", "inbox");
        Directory.CreateDirectory(inbox);
        var hours = WriteLargePriceFile(Path.Combine(inbox, "prices_day-ahead_20250301.csv"));

        await using (var first = await AppProcess.StartAsync(database, seedDemo: false))
        {
            await Wait.UntilAsync(() => Count(database, "SELECT COUNT(*) FROM imports WHERE status = 'Incomplete' AND inserted > 0") == 1,
                "the import has stored part of the file", TimeSpan.FromSeconds(60));
            await first.KillAsync();
        }

        Assert.Equal(0, Count(database, "SELECT COUNT(*) FROM imports WHERE status = 'Imported'"));
        var stored = Count(database, "SELECT COUNT(*) FROM reference_prices");
        Assert.InRange(stored, 1, hours - 1);
        Assert.Equal(stored, Count(database, "SELECT inserted FROM imports WHERE status = 'Incomplete'"));
        Assert.True(File.Exists(Path.Combine(inbox, "prices_day-ahead_20250301.csv")));

        await using (var second = await AppProcess.StartAsync(database, seedDemo: false))
        {
            // The file is archived after its last part commits: wait for both before the app stops.
            await Wait.UntilAsync(() => Count(database, "SELECT COUNT(*) FROM imports WHERE status = 'Imported'") == 1 && !File.Exists(Path.Combine(inbox, "prices_day-ahead_20250301.csv")),
                "the restarted app completes the file and archives it", TimeSpan.FromSeconds(120));
        }
        Assert.Equal(hours, Count(database, "SELECT COUNT(*) FROM reference_prices"));
        Assert.Equal((hours - stored, stored), (Count(database, "SELECT inserted FROM imports WHERE status = 'Imported'"), Count(database, "SELECT duplicates FROM imports WHERE status = 'Imported'")));
    }

    /// <summary>A price for every hour from 2000 on (the spring days' hour 2 is not written); returns how many.</summary>
    private static int WriteLargePriceFile(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("delivery_day,delivery_hour,price_eur_mwh\n");
        var lines = 0;
        for (var day = new DateOnly(2000, 1, 1); lines < Rows; day = day.AddDays(1))
            foreach (var hour in FlexPower.Core.Common.BerlinTime.HoursOf(day))
                writer.Write(System.FormattableString.Invariant($"{day:yyyy-MM-dd},{hour},{++lines % 9000 / 100m:0.00}\n"));
        return lines;
    }

    private static void WriteLargeFile(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\n");
        for (var i = 0; i < Rows; i++)
            writer.Write($"c{i:D8},{4000 + i % 9000},{1 + i % 50},{(i % 2 == 0 ? "buy" : "sell")},2025-03-01,{i % 24},trader_{i % 50:D2},2025-02-28T12:00:00Z\n");
    }

    private static int Count(TempDatabase database, string sql)
    {
        using var connection = new SqliteConnection(database.ConnectionString + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar() ?? 0);
    }
}
