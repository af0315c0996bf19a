using System.Globalization;
using System.Text;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>The import-prices verb on a price file of a million lines: its memory does not grow with the file.</summary>
public abstract class PriceImportMemoryTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const int Lines = 1_000_000;
    private const long MaxPeakBytes = 300L << 20;

    private TempDatabase database = default!;

    public async ValueTask InitializeAsync() => database = await TempDatabase.CreateAsync(provider);

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task AMillionLineFile_IsImportedInBoundedMemory()
    {
        var file = Path.Combine(database.Directory, "prices_day-ahead_big.csv");
        WritePriceFile(file);

        var (exit, output, peak) = await AppProcess.RunCommandMeasuringMemoryAsync(database, TimeSpan.FromMinutes(3), "import-prices", file, "--series", "day-ahead");

        TestContext.Current.TestOutputHelper?.WriteLine($"peak resident memory {peak >> 20} MB");
        Assert.True(exit == 0, output);
        Assert.Contains("imported into day-ahead", output);
        Assert.True(peak < MaxPeakBytes, $"peak resident memory {peak >> 20} MB for {Lines:N0} lines");
    }

    private static void WritePriceFile(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("delivery_day,delivery_hour,price_eur_mwh\n");
        var day = new DateOnly(2000, 1, 1);
        for (var line = 0; line < Lines; day = day.AddDays(1))
            for (var hour = 0; hour < 24 && line < Lines; hour++, line++)
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{hour},{line % 20_000 / 100m - 50:0.00}\n"));
    }
}

public sealed class PriceImportMemoryTests_Sqlite() : PriceImportMemoryTests(DatabaseProvider.Sqlite);

public sealed class PriceImportMemoryTests_Postgres() : PriceImportMemoryTests(DatabaseProvider.Postgres);
