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
        Assert.Equal(Enumerable.Range(0, 24), file.Lines.Select(l => l.DeliveryHour!.Value));
        Assert.All(file.Lines, l => Assert.Equal((null, 4), (l.Reason, l.Quarters)));
        Assert.All(file.Lines, l => Assert.Equal(new DateOnly(2023, 2, 28), l.Day));
        Assert.Equal((9210L, 10_000L, 8_000L, 17_130L), (file.Lines[0].Cents, file.Lines[9].Cents, file.Lines[20].Cents, file.Lines[18].Cents));
    }

    [Fact]
    public void SmardQuarterHourSample_OnTheAutumnClockChange_Stores100Quarters_TheRepeatedHourByFileOrder()
    {
        var file = ReadSample("smard_day_ahead_quarterhour_20251026.csv");

        Assert.Equal(PriceFileLayout.SmardQuarterHourly, file.Layout);
        Assert.All(file.Lines, l => Assert.Equal((null, new DateOnly(2025, 10, 26), 1), (l.Reason, l.Day, l.Quarters)));
        Assert.Equal(Enumerable.Range(0, 100), file.Lines.Select(l => l.FirstQuarter));
        // No averaging: each quarter its own price. The first 02:00 rows (summer time, from 00:00Z) are quarters 8–11, the
        // second ones (winter time, 6 € lower, from 01:00Z) 12–15, with no delivery hour of their own.
        Assert.Equal([8540L, 8730, 8930, 9140], file.Lines.Take(4).Select(l => l.Cents));
        Assert.Equal([7650L, 7840, 8040, 8250, 7050, 7240, 7440, 7650], file.Lines.Skip(8).Take(8).Select(l => l.Cents));
        Assert.Equal((new DateTime(2025, 10, 26, 0, 0, 0, DateTimeKind.Utc), (int?)2), (file.Lines[8].StartUtc, file.Lines[8].DeliveryHour));
        Assert.Equal((new DateTime(2025, 10, 26, 1, 0, 0, DateTimeKind.Utc), (int?)null), (file.Lines[12].StartUtc, file.Lines[12].DeliveryHour));
        Assert.Equal("2025-10-26 02:00–02:15 (2)", file.Lines[12].Describe());
        Assert.Equal((int?)3, file.Lines[16].DeliveryHour);
    }

    [Fact]
    public void PeriodSample_OfTheAutumnDay_GivesTheSame100QuartersAsTheSmardExport()
    {
        var periods = ReadSample("prices_day-ahead_quarterhours_20251026.csv");
        var smard = ReadSample("smard_day_ahead_quarterhour_20251026.csv");

        Assert.Equal(PriceFileLayout.FlexPowerPeriods, periods.Layout);
        Assert.Equal(100, periods.Lines.Count);
        Assert.Equal(smard.Lines.Select(l => (l.Day, l.FirstQuarter, l.Quarters, l.Cents, l.Reason)), periods.Lines.Select(l => (l.Day, l.FirstQuarter, l.Quarters, l.Cents, l.Reason)));
    }

    [Fact]
    public void SmardQuarterHours_ARepeatedHourGivenAThirdTime_IsARejectedRow()
    {
        var rows = string.Concat(Enumerable.Range(0, 3).Select(i => $"26.10.2025 02:00;26.10.2025 02:15;{10 + i},00\n"));
        var file = Read("Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] Originalauflösungen\n" + rows);

        Assert.Equal([(8, (string?)null), (12, null)], file.Lines.Take(2).Select(l => (l.FirstQuarter, l.Reason)));
        Assert.Contains("2025-10-26 02:00–02:15 (2) already has a price on line 3", file.Lines[2].Reason);
    }

    [Fact]
    public void SmardOlderHeader_DatumAnfangEnde_IsReadToo_WithGermanThousands()
    {
        var file = Read("Datum;Anfang;Ende;Deutschland/Luxemburg [€/MWh] Originalauflösungen;Österreich [€/MWh] Originalauflösungen\n" +
                        "28.02.2023;00:00;01:00;1.234,50;99,00\n28.02.2023;23:00;00:00;-5,25;1,00\n28.02.2023;01:00;02:00;-;1,00\n");

        Assert.Equal(PriceFileLayout.SmardHourly, file.Layout);
        Assert.Equal(((int?)0, 123_450L), (file.Lines[0].DeliveryHour, file.Lines[0].Cents));
        Assert.Equal(((int?)23, -525L), (file.Lines[1].DeliveryHour, file.Lines[1].Cents));
        Assert.Contains("no price for 28.02.2023 01:00", file.Lines[2].Reason);
    }

    [Fact]
    public void SmardQuarterHours_WithAGap_RejectOnlyTheQuarterWithoutAPrice()
    {
        var file = Read("Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] Originalauflösungen\n" +
                        "01.11.2025 00:00;01.11.2025 00:15;10,00\n01.11.2025 00:15;01.11.2025 00:30;-\n01.11.2025 00:30;01.11.2025 00:45;30,00\n01.11.2025 00:45;01.11.2025 01:00;40,00\n");

        Assert.Contains("no price for 01.11.2025 00:15 in the export ('-')", file.Lines[1].Reason);
        Assert.Equal([(0, 1_000L), (2, 3_000), (3, 4_000)], file.Lines.Where(l => l.Reason is null).Select(l => (l.FirstQuarter, l.Cents)));
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
        Assert.Equal(((int?)10, -50_000L, (string?)null), (file.Lines[1].DeliveryHour, file.Lines[1].Cents, file.Lines[1].Reason));
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
        Assert.Equal(((int?)1, 10_000L, (string?)null), (file.Lines[1].DeliveryHour, file.Lines[1].Cents, file.Lines[1].Reason)); // trailing zeros hide nothing
    }

    [Fact]
    public void SmardQuarterHours_ARepeatedQuarter_IsARejectedRow_AndTheFirstValueCounts()
    {
        var file = Read("Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] Originalauflösungen\n" +
                        "01.11.2025 00:00;01.11.2025 00:15;10,00\n01.11.2025 00:00;01.11.2025 00:15;90,00\n01.11.2025 00:15;01.11.2025 00:30;10,00\n" +
                        "01.11.2025 00:30;01.11.2025 00:45;10,00\n01.11.2025 00:45;01.11.2025 01:00;10,00\n");

        var repeat = Assert.Single(file.Lines, l => l.Reason is not null);
        Assert.Equal(3, repeat.Line);
        Assert.Contains("2025-11-01 00:00–00:15 already has a price on line 2 of this file", repeat.Reason);
        Assert.Equal([(0, 1_000L), (1, 1_000), (2, 1_000), (3, 1_000)], file.Lines.Where(l => l.Reason is null).Select(l => (l.FirstQuarter, l.Cents)));
    }

    [Fact]
    public void SmardHourlyRows_ARepeatedHour_IsARejectedRow_AndTheFirstValueCounts()
    {
        var file = Read("Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] Originalauflösungen\n" +
                        "01.11.2025 05:00;01.11.2025 06:00;10,00\n01.11.2025 05:00;01.11.2025 06:00;90,00\n");

        Assert.Equal(((int?)5, 1_000L, (string?)null), (file.Lines[0].DeliveryHour, file.Lines[0].Cents, file.Lines[0].Reason));
        Assert.Contains("line 2", file.Lines[1].Reason);
    }

    [Fact]
    public void ALineLongerThanTheLimit_IsRejectedOnItsOwn_AndTheNextLineIsRead()
    {
        var file = Read("delivery_day,delivery_hour,price_eur_mwh\n2023-02-28,9,1.00" + new string(' ', 100) + "\n2023-02-28,10,2.00\n", maxLineBytes: 50);

        Assert.Contains("longer than 50 bytes", file.Lines[0].Reason);
        Assert.Equal((3, (int?)10, 200L, (string?)null), (file.Lines[1].Line, file.Lines[1].DeliveryHour, file.Lines[1].Cents, file.Lines[1].Reason));
    }

    [Fact]
    public void SmardRows_SayTheirOwnResolution_AnExportOfOriginalResolutionsMixesHoursAndQuarters()
    {
        var file = Read("Datum von;Datum bis;Deutschland/Luxemburg [€/MWh] Originalauflösungen\n" +
                        "30.09.2025 23:00;01.10.2025 00:00;50,00\n" +
                        "01.10.2025 00:00;01.10.2025 00:15;10,00\n01.10.2025 00:15;01.10.2025 00:30;20,00\n01.10.2025 00:30;01.10.2025 00:45;30,00\n01.10.2025 00:45;01.10.2025 01:00;40,00\n" +
                        "01.10.2025 01:00;01.10.2025 01:30;60,00\n");

        Assert.Equal(PriceFileLayout.SmardQuarterHourly, file.Layout);
        Assert.Equal((new DateOnly(2025, 9, 30), 92, 4, 5_000L), (file.Lines[0].Day, file.Lines[0].FirstQuarter, file.Lines[0].Quarters, file.Lines[0].Cents));
        Assert.Equal([(0, 1, 1_000L), (1, 1, 2_000), (2, 1, 3_000), (3, 1, 4_000)],
            file.Lines.Skip(1).Take(4).Select(l => (l.FirstQuarter, l.Quarters, l.Cents)));
        Assert.Contains("neither an hour nor a quarter-hour", file.Lines[5].Reason);
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

    private const string PeriodHeader = "delivery_start,delivery_end,price_eur_mwh\n";

    [Fact]
    public void PeriodLayout_MixesQuarterHoursAndHoursInOneDay_EachItsOwnPeriod()
    {
        // 2025-06-15 is summer time: 10:00Z is 12:00 in Berlin, quarter 48.
        var file = Read(PeriodHeader + "2025-06-15T10:00:00Z,2025-06-15T11:00:00Z,80.00\n2025-06-15T11:00:00Z,2025-06-15T11:15:00Z,81.25\n" +
                        "2025-06-15T11:15:00Z,2025-06-15T11:30:00Z,-3.50\n2025-06-15T12:00:00Z,2025-06-15T13:00:00Z,70.00\n");

        Assert.Equal(PriceFileLayout.FlexPowerPeriods, file.Layout);
        Assert.Equal([(48, 4, 8_000L, (int?)12), (52, 1, 8_125, 13), (53, 1, -350, 13), (56, 4, 7_000, 14)],
            file.Lines.Select(l => (l.FirstQuarter, l.Quarters, l.Cents, l.DeliveryHour)));
        Assert.All(file.Lines, l => Assert.Equal(new DateOnly(2025, 6, 15), l.Day));
    }

    [Fact]
    public void PeriodLayout_OnTheAutumnDay_TellsBoth0200HoursApartByTheirUtcStart()
    {
        var file = Read("price_eur_mwh,delivery_end,delivery_start\n1.00,2025-10-26T01:00:00Z,2025-10-26T00:00:00Z\n2.00,2025-10-26T01:15:00Z,2025-10-26T01:00:00Z\n" +
                        "3.00,2025-10-26T23:00:00Z,2025-10-26T22:00:00Z\n");

        Assert.Equal([(new DateOnly(2025, 10, 26), 8, 4, (int?)2), (new DateOnly(2025, 10, 26), 12, 1, null), (new DateOnly(2025, 10, 26), 96, 4, 23)],
            file.Lines.Select(l => (l.Day, l.FirstQuarter, l.Quarters, l.DeliveryHour)));
    }

    [Theory]
    [InlineData("2025-06-15T10:05:00Z,2025-06-15T10:20:00Z,1.00", "delivery_start must be on the quarter-hour grid")]
    [InlineData("2025-06-15T10:15:00Z,2025-06-15T10:15:00Z,1.00", "delivery_end must be after delivery_start")]
    [InlineData("2025-06-15T10:15:00Z,2025-06-15T10:00:00Z,1.00", "delivery_end must be after delivery_start")]
    [InlineData("2025-06-15T10:00:00Z,2025-06-15T10:30:00Z,1.00", "must last 15 or 60 minutes (got 30 minutes)")]
    [InlineData("2025-06-15T10:00:00Z,2025-06-15T12:00:00Z,1.00", "must last 15 or 60 minutes (got 120 minutes)")]
    [InlineData("2025-06-15T10:15:00Z,2025-06-15T11:15:00Z,1.00", "a 60-minute period must start on the hour")]
    [InlineData("2025-06-15 10:00,2025-06-15T10:15:00Z,1.00", "delivery_start must be an RFC 3339 UTC time")]
    [InlineData("2025-06-15T10:00:00Z,tomorrow,1.00", "delivery_end must be an RFC 3339 UTC time")]
    [InlineData("2025-06-15T10:00:00Z,2025-06-15T10:15:00Z,1.005", "more than two decimals")]
    public void PeriodLayout_BadRows_AreRejectedNamingTheFieldAndTheRule(string line, string reason)
    {
        var file = Read(PeriodHeader + line + "\n2025-06-15T09:00:00Z,2025-06-15T09:15:00Z,5.00\n");

        Assert.Contains(reason, file.Lines[0].Reason);
        Assert.Equal((44, 1, 500L, (string?)null), (file.Lines[1].FirstQuarter, file.Lines[1].Quarters, file.Lines[1].Cents, file.Lines[1].Reason));
    }

    [Fact]
    public void PeriodLayout_APeriodOverlappingAnEarlierRow_IsRejectedNamingThatLine()
    {
        var file = Read(PeriodHeader + "2025-06-15T10:00:00Z,2025-06-15T11:00:00Z,80.00\n2025-06-15T10:30:00Z,2025-06-15T10:45:00Z,99.00\n" +
                        "2025-06-15T11:00:00Z,2025-06-15T11:15:00Z,81.00\n2025-06-15T11:00:00Z,2025-06-15T12:00:00Z,82.00\n");

        Assert.Equal([null, "2025-06-15 12:30–12:45 already has a price on line 2 of this file: a file's periods must not overlap", null,
            "2025-06-15 13:00–14:00 already has a price on line 4 of this file: a file's periods must not overlap"], file.Lines.Select(l => l.Reason));
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("day,hour,price\n2023-02-28,9,1\n", "is not one FlexPower knows (found: day, hour, price)")]
    public void UnknownHeader_IsAProblemForTheWholeFile(string text, string problem) =>
        Assert.Contains(problem, Read(text).Problem);
}
