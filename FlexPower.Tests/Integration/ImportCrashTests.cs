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
