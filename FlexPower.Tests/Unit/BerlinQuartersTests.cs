using FlexPower.Core.Common;

namespace FlexPower.Tests.Unit;

public sealed class BerlinQuartersTests
{
    private static readonly DateOnly Spring = new(2025, 3, 30), Autumn = new(2025, 10, 26), Ordinary = new(2025, 6, 10);

    [Theory]
    [InlineData(2025, 3, 30, 92)]
    [InlineData(2025, 10, 26, 100)]
    [InlineData(2025, 6, 10, 96)]
    [InlineData(2025, 1, 15, 96)]
    public void CountOf_ClockChangeDays_Have92Or100Quarters(int year, int month, int day, int expected) =>
        Assert.Equal(expected, BerlinQuarters.CountOf(new DateOnly(year, month, day)));

    [Fact]
    public void StartUtc_CountsElapsedQuartersFromLocalMidnight()
    {
        Assert.Equal(new DateTime(2025, 6, 9, 22, 0, 0, DateTimeKind.Utc), BerlinQuarters.StartUtc(Ordinary, 0));
        Assert.Equal(new DateTime(2025, 6, 10, 12, 15, 0, DateTimeKind.Utc), BerlinQuarters.StartUtc(Ordinary, 57));
        // Spring: 00:00 local is 23:00Z; quarter 8 is 01:00Z = 03:00 summer time (02:00 does not exist).
        Assert.Equal(new DateTime(2025, 3, 30, 1, 0, 0, DateTimeKind.Utc), BerlinQuarters.StartUtc(Spring, 8));
        // Autumn: quarter 12 is 01:00Z, the second 02:00 (winter time).
        Assert.Equal(new DateTime(2025, 10, 26, 1, 0, 0, DateTimeKind.Utc), BerlinQuarters.StartUtc(Autumn, 12));
    }

    [Fact]
    public void Of_IsTheInverseOfStartUtc_OnEveryQuarterOfTheClockChangeDays()
    {
        foreach (var day in new[] { Spring, Autumn, Ordinary })
            for (var quarter = 0; quarter < BerlinQuarters.CountOf(day); quarter++)
                Assert.Equal((day, quarter), BerlinQuarters.Of(BerlinQuarters.StartUtc(day, quarter)));
    }

    [Fact]
    public void HourOf_AutumnDay_GivesHour2ToBothOccurrences_AndSpringDaySkipsIt()
    {
        Assert.Equal([2, 2, 2, 2, 2, 2, 2, 2], Enumerable.Range(8, 8).Select(q => BerlinQuarters.HourOf(Autumn, q)));
        Assert.Equal(3, BerlinQuarters.HourOf(Autumn, 16));
        Assert.Equal(3, BerlinQuarters.HourOf(Spring, 8));
        Assert.Equal(23, BerlinQuarters.HourOf(Autumn, 99));
    }

    [Fact]
    public void IsRepeatedHour_IsTrueOnlyForTheAutumnDaysSecond0200()
    {
        Assert.Equal(Enumerable.Range(12, 4), Enumerable.Range(0, 100).Where(q => BerlinQuarters.IsRepeatedHour(Autumn, q)));
        Assert.DoesNotContain(Enumerable.Range(0, 96), q => BerlinQuarters.IsRepeatedHour(Ordinary, q));
    }

    [Theory]
    [InlineData("2025-06-10T12:15:00Z", true)]
    [InlineData("2025-06-10T12:10:00Z", false)]
    [InlineData("2025-06-10T12:15:01Z", false)]
    public void IsOnGrid_AcceptsOnlyWholeQuarterHours(string instant, bool expected) =>
        Assert.Equal(expected, BerlinQuarters.IsOnGrid(DateTime.Parse(instant, null, System.Globalization.DateTimeStyles.AdjustToUniversal)));
}
