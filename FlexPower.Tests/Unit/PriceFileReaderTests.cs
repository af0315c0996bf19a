using System.Text;
using FlexPower.Core.Prices;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Unit;

public sealed class PriceFileReaderTests
{
    /// <summary>A file's layout and every line, or why it cannot be read at all.</summary>
    private sealed record PriceFile(PriceFileLayout? Layout, IReadOnlyList<PriceLine> Lines, string? Problem);

    private static PriceFile Read(string text, int maxLineBytes = 65_536) => Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxLineBytes);

    private static PriceFile ReadSample(string name) => Read(File.OpenRead(Path.Combine(Reference.RepositoryRoot, "docs", "samples", name)), 65_536);

    private static PriceFile Read(Stream content, int maxLineBytes)
    {
        if (!PriceFileReader.TryOpen(content, maxLineBytes, out var reader, out var problem)) return new PriceFile(null, [], problem);
        using (reader)
        {
            var lines = reader.ReadLines().ToList();
            return new PriceFile(reader.Layout, lines, null);
        }
    }

    [Fact]
    public void HeaderLongerThanTheLimit_IsRefusedNamingIt()
    {
        // The known columns come first, so a silently cut header would still be recognised.
        var file = Read($"delivery_day,delivery_hour,price_eur_mwh,{new string('x', 300)}\n2023-02-28,9,100.00\n", maxLineBytes: 200);

        Assert.StartsWith("The file's first line is longer than 200 bytes (Import:MaxLineBytes).", file.Problem);
    }

    [Fact]
    public void SmardHourlySample_GivesThe24HoursInEurocent()
    {
        var file = ReadSample("smard_day_ahead_hourly_20230228.csv");

        Assert.Null(file.Problem);
        Assert.Equal(PriceFileLayout.SmardHourly, file.Layout);
        Assert.Equal(Enumerable.Range(0, 24), file.Lines.Select(l => l.Hour));
        Assert.All(file.Lines, l => Assert.Null(l.Reason));
        Assert.All(file.Lines, l => Assert.Equal(new DateOnly(2023, 2, 28), l.Day));
        Assert.Equal((9210L, 10_000L, 8_000L, 17_130L), (file.Lines[0].Cents, file.Lines[9].Cents, file.Lines[20].Cents, file.Lines[18].Cents));
    }

    [Fact]
    public void SmardQuarterHourSample_OnTheAutumnClockChange_AveragesQuarters_AndRejectsTheRepeatedHour()
    {
        var file = ReadSample("smard_day_ahead_quarterhour_20251026.csv");

        Assert.Equal(PriceFileLayout.SmardQuarterHourly, file.Layout);
        var hours = file.Lines.Where(l => l.Reason is null).ToList();
        Assert.Equal(Enumerable.Range(0, 24), hours.Select(l => l.Hour));
        // Quarters of hour 0: 85.40, 87.30, 89.30, 91.40 → 88.35.
        Assert.Equal(8835, hours[0].Cents);
        // Hour 2 is its first occurrence (summer time), as for trades: 76.50, 78.40, 80.40, 82.50 → 79.45 (the repeat is 6 € lower).
        Assert.Equal(7945, hours[2].Cents);
        var repeats = file.Lines.Where(l => l.Reason is not null).ToList();
        Assert.Equal(4, repeats.Count);
        Assert.All(repeats, r => Assert.Contains("repeated local hour 02:00–03:00", r.Reason));
    }

    [Fact]
    public void SmardOlderHeader_DatumAnfangEnde_IsReadToo_WithGermanThousands()
    {
        var file = Read("Datum;Anfang;Ende;Deutschland/Luxemburg [€/MWh] Originalauflösungen;Österreich [€/MWh] Originalauflösungen\n" +
                        "28.02.2023;00:00;01:00;1.234,50;99,00\n28.02.2023;23:00;00:00;-5,25;1,00\n28.02.2023;01:00;02:00;-;1,00\n");

        Assert.Equal(PriceFileLayout.SmardHourly, file.Layout);
        Assert.Equal((0, 123_450L), (file.Lines[0].Hour, file.Lines[0].Cents));
        Assert.Equal((23, -525L), (file.Lines[1].Hour, file.Lines[1].Cents));
        Assert.Contains("no price for 28.02.2023 01:00", file.Lines[2].Reason);
    }

    [Fact]
    public void SmardQuarterHours_WithAGap_RejectTheHourRatherThanGuess()
    {
        var file = Read("Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] Originalauflösungen\n" +
                        "01.11.2025 00:00;01.11.2025 00:15;10,00\n01.11.2025 00:15;01.11.2025 00:30;-\n01.11.2025 00:30;01.11.2025 00:45;10,00\n01.11.2025 00:45;01.11.2025 01:00;10,00\n");

        var line = Assert.Single(file.Lines);
        Assert.Contains("lacks the quarter-hour price(s) 00:15 ('-')", line.Reason);
    }

    [Theory]
    [InlineData("2023-02-30,9,1.00", "delivery_day must be a real date")]
    [InlineData("2023-02-28,24,1.00", "delivery_hour must be 0–23")]
    [InlineData("2023-02-28,nine,1.00", "delivery_hour must be a whole number")]
    [InlineData("2023-03-26,2,1.00", "delivery_hour 2 does not exist on 2023-03-26")]
    [InlineData("2023-02-28,9,1.005", "more than two decimals")]
    [InlineData("2023-02-28,9,10000.00", "outside ±9,999.99 EUR/MWh")]
    [InlineData("2023-02-28,9,", "price_eur_mwh must be a number like 85.12")]
    [InlineData("2023-02-28,9,\"1,5\"", "price_eur_mwh must be a number like 85.12")]
    [InlineData("2023-02-28,9,100.0000000000000000000000000001", "more than two decimals")]
    [InlineData("2023-02-28,9,100,50", "expected 3 columns like the header, got 4")]
    [InlineData("2023-02-28,9", "expected 3 columns like the header, got 2")]
    public void FlexPowerLayout_BadLines_AreRejectedWithTheReason(string line, string reason)
    {
        var file = Read("delivery_day,delivery_hour,price_eur_mwh\n" + line + "\n2023-02-28,10,-500.00\n");

        Assert.Equal(PriceFileLayout.FlexPower, file.Layout);
        Assert.Contains(reason, file.Lines[0].Reason);
        Assert.Equal(2, file.Lines[0].Line);
        Assert.Equal((10, -50_000L, null), (file.Lines[1].Hour, file.Lines[1].Cents, file.Lines[1].Reason));
    }

    [Fact]
    public void DecimalComma_RejectsTheLine_WithAHintAtTheDecimalPoint_InsteadOfStoringTheWholePart()
    {
        var file = Read("delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,100,50\n");

        var line = Assert.Single(file.Lines);
        Assert.Contains("expected 3 columns like the header, got 4", line.Reason);
        Assert.Contains("decimal point", line.Reason);
    }

    [Fact]
    public void SmardPrice_WithDecimalsThatRoundingWouldHide_IsRejected()
    {
        var file = Read("Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] Originalauflösungen\n" +
                        "28.02.2023 00:00;28.02.2023 01:00;100,0000000000000000000000000001\n28.02.2023 01:00;28.02.2023 02:00;100,000\n");

        Assert.Contains("more than two decimals", file.Lines[0].Reason);
        Assert.Equal((1, 10_000L, null), (file.Lines[1].Hour, file.Lines[1].Cents, file.Lines[1].Reason)); // trailing zeros hide nothing
    }

    [Fact]
    public void SmardQuarterHours_ARepeatedQuarter_IsARejectedRow_AndTheFirstValueCounts()
    {
        var file = Read("Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] Originalauflösungen\n" +
                        "01.11.2025 00:00;01.11.2025 00:15;10,00\n01.11.2025 00:00;01.11.2025 00:15;90,00\n01.11.2025 00:15;01.11.2025 00:30;10,00\n" +
                        "01.11.2025 00:30;01.11.2025 00:45;10,00\n01.11.2025 00:45;01.11.2025 01:00;10,00\n");

        var repeat = Assert.Single(file.Lines, l => l.Reason is not null);
        Assert.Equal(3, repeat.Line);
        Assert.Contains("01.11.2025 00:00", repeat.Reason);
        Assert.Contains("line 2", repeat.Reason);
        var hour = Assert.Single(file.Lines, l => l.Reason is null);
        Assert.Equal((0, 1_000L), (hour.Hour, hour.Cents));
    }

    [Fact]
    public void SmardHourlyRows_ARepeatedHour_IsARejectedRow_AndTheFirstValueCounts()
    {
        var file = Read("Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] Originalauflösungen\n" +
                        "01.11.2025 05:00;01.11.2025 06:00;10,00\n01.11.2025 05:00;01.11.2025 06:00;90,00\n");

        Assert.Equal((5, 1_000L, null), (file.Lines[0].Hour, file.Lines[0].Cents, file.Lines[0].Reason));
        Assert.Contains("line 2", file.Lines[1].Reason);
    }

    [Fact]
    public void ALineLongerThanTheLimit_IsRejectedOnItsOwn_AndTheNextLineIsRead()
    {
        var file = Read("delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,1.00" + new string(' ', 100) + "\n2023-02-28,10,2.00\n", maxLineBytes: 50);

        Assert.Contains("longer than 50 bytes", file.Lines[0].Reason);
        Assert.Equal((3, 10, 200L, null), (file.Lines[1].Line, file.Lines[1].Hour, file.Lines[1].Cents, file.Lines[1].Reason));
    }

    [Fact]
    public void SmardRows_SayTheirOwnResolution_AnExportOfOriginalResolutionsMixesHoursAndQuarters()
    {
        var file = Read("Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] Originalauflösungen\n" +
                        "30.09.2025 23:00;01.10.2025 00:00;50,00\n" +
                        "01.10.2025 00:00;01.10.2025 00:15;10,00\n01.10.2025 00:15;01.10.2025 00:30;20,00\n01.10.2025 00:30;01.10.2025 00:45;30,00\n01.10.2025 00:45;01.10.2025 01:00;40,00\n" +
                        "01.10.2025 01:00;01.10.2025 01:30;60,00\n");

        Assert.Equal(PriceFileLayout.SmardQuarterHourly, file.Layout);
        Assert.Equal((new DateOnly(2025, 9, 30), 23, 5_000L), (file.Lines[0].Day, file.Lines[0].Hour, file.Lines[0].Cents));
        Assert.Contains("neither an hour nor a quarter-hour", file.Lines[1].Reason);
        Assert.Equal((new DateOnly(2025, 10, 1), 0, 2_500L), (file.Lines[2].Day, file.Lines[2].Hour, file.Lines[2].Cents));
    }

    [Fact]
    public void AutumnDay_HasHours0To23_AndSpringHasNoHour2()
    {
        var autumn = Read("price_eur_mwh,delivery_hour,delivery_day\n" + string.Join("\n", Enumerable.Range(0, 24).Select(h => $"1.00,{h},2025-10-26")));
        Assert.All(autumn.Lines, l => Assert.Null(l.Reason));
        Assert.Equal(24, autumn.Lines.Count);
        var spring = Read("delivery_day,delivery_hour,price_eur_mwh\n" + string.Join("\n", Enumerable.Range(0, 24).Select(h => $"2025-03-30,{h},1.00")));
        var rejected = Assert.Single(spring.Lines, l => l.Reason is not null);
        Assert.Equal(4, rejected.Line); // the line of hour 2
        Assert.Equal(23, spring.Lines.Count(l => l.Reason is null));
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("day,hour,price\n2023-02-28,9,1\n", "is not one FlexPower knows (found: day, hour, price)")]
    public void UnknownHeader_IsAProblemForTheWholeFile(string text, string problem) =>
        Assert.Contains(problem, Read(text).Problem);
}
