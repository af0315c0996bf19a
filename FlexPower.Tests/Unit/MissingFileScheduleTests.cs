using FlexPower.Core.Import;

namespace FlexPower.Tests.Unit;

public sealed class MissingFileScheduleTests
{
    private static readonly ImportOptions Options = new();

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2026, 1, 14, 7)]   // winter: 08:00 Berlin = 07:00 UTC
    [InlineData(2026, 7, 14, 6)]   // summer: 08:00 Berlin = 06:00 UTC
    [InlineData(2026, 3, 28, 6)]   // file of the day before the spring change is due on the change day, already in summer time
    [InlineData(2026, 10, 24, 7)]  // file of the day before the autumn change is due on the change day, back in winter time
    public void Deadline_IsEightOClockBerlinTheNextDay(int y, int m, int d, int utcHour) =>
        Assert.Equal(new DateTimeOffset(new DateTime(y, m, d, utcHour, 0, 0).AddDays(1), TimeSpan.Zero), MissingFileSchedule.DeadlineUtc(new DateOnly(y, m, d), Options.ExpectedBy));

    [Fact]
    public void Evaluate_BeforeTheDeadline_RaisesNothingAndChecksAgainWithinRetryEvery()
    {
        var now = Utc(2026, 1, 15, 0, 10); // 01:10 Berlin; the files of earlier days arrived
        var (missing, next) = MissingFileSchedule.Evaluate(now, Options, new HashSet<DateOnly> { new(2026, 1, 12), new(2026, 1, 13) });
        Assert.Empty(missing);
        Assert.Equal(now.AddMinutes(30), next);
    }

    [Fact]
    public void Evaluate_LastRetryBeforeTheDeadline_LandsExactlyOnTheDeadline()
    {
        var (_, next) = MissingFileSchedule.Evaluate(Utc(2026, 1, 15, 6, 45), Options, new HashSet<DateOnly>());
        Assert.Equal(Utc(2026, 1, 15, 7, 0), next);
    }

    [Fact]
    public void Evaluate_AtTheDeadlineWithoutTheFile_RaisesTheAlertAndKeepsChecking()
    {
        var now = Utc(2026, 1, 15, 7, 0);
        var (missing, next) = MissingFileSchedule.Evaluate(now, Options, new HashSet<DateOnly>());
        Assert.Contains(new DateOnly(2026, 1, 14), missing);
        Assert.Equal(now.AddMinutes(30), next);
    }

    [Fact]
    public void Evaluate_FileImported_NoAlertAndSleepsUntilNextMidnightBerlin()
    {
        var imported = new HashSet<DateOnly> { new(2026, 1, 12), new(2026, 1, 13), new(2026, 1, 14) };
        var (missing, next) = MissingFileSchedule.Evaluate(Utc(2026, 1, 15, 9, 0), Options, imported);
        Assert.Empty(missing);
        Assert.Equal(Utc(2026, 1, 15, 23, 0), next); // 00:00 Berlin on the 16th
    }

    [Theory]
    [InlineData("epex_trades_20230220.csv", true)]
    [InlineData("epex_trades_20230230.csv", false)]
    [InlineData("EPEX_trades_20230220.csv", false)]
    [InlineData("epex_trades_20230220.csv.tmp", false)]
    public void FileName_OnlyTheExchangePatternWithARealDate(string name, bool expected) =>
        Assert.Equal(expected, MissingFileSchedule.TryParseFileName(name, out _));
}
