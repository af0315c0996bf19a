using FlexPower.Core.Common;
using FlexPower.Core.Demo;
using FlexPower.Web.Features.Account;

namespace FlexPower.Tests.Unit;

public sealed class BerlinTimeAndDemoDataTests
{
    [Fact]
    public void HoursOf_SpringClockChangeDay_Has23HoursWithoutHour2()
    {
        var hours = BerlinTime.HoursOf(new DateOnly(2026, 3, 29));
        Assert.Equal(23, hours.Count);
        Assert.DoesNotContain(2, hours);
    }

    [Fact]
    public void HoursOf_AutumnClockChangeDay_HasHours0To23() =>
        Assert.Equal(Enumerable.Range(0, 24), BerlinTime.HoursOf(new DateOnly(2026, 10, 25)));

    [Fact]
    public void HourStartUtc_WinterAndSummer_UseTheRightOffset()
    {
        Assert.Equal(new DateTime(2023, 2, 28, 8, 0, 0, DateTimeKind.Utc), BerlinTime.HourStartUtc(new DateOnly(2023, 2, 28), 9));
        Assert.Equal(new DateTime(2023, 7, 1, 7, 0, 0, DateTimeKind.Utc), BerlinTime.HourStartUtc(new DateOnly(2023, 7, 1), 9));
    }

    [Fact]
    public void HourStartUtc_AutumnClockChangeDay_TakesHour2AtItsFirstOccurrence()
    {
        var day = new DateOnly(2025, 10, 26);
        Assert.Equal(new DateTime(2025, 10, 25, 23, 0, 0, DateTimeKind.Utc), BerlinTime.HourStartUtc(day, 1));
        Assert.Equal(new DateTime(2025, 10, 26, 0, 0, 0, DateTimeKind.Utc), BerlinTime.HourStartUtc(day, 2));
        Assert.Equal(new DateTime(2025, 10, 26, 2, 0, 0, DateTimeKind.Utc), BerlinTime.HourStartUtc(day, 3));
        Assert.Equal(DateTimeKind.Utc, BerlinTime.HourStartUtc(day, 2).Kind);
    }

    [Fact]
    public void LocalTime_OfInstantsOnDaysInTurn_IsTheZones_AcrossBothClockChanges()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var instants = new[] { new DateTime(2025, 3, 28, 20, 0, 0, DateTimeKind.Utc), new DateTime(2025, 10, 24, 20, 0, 0, DateTimeKind.Utc), new DateTime(2025, 6, 14, 20, 0, 0, DateTimeKind.Utc) }
            .SelectMany(first => Enumerable.Range(0, 4 * 24 * 3).Select(q => first.AddMinutes(15 * q))).ToArray();
        new Random(7).Shuffle(instants); // days interleaved
        foreach (var instant in instants)
            Assert.Equal(TimeZoneInfo.ConvertTime(new DateTimeOffset(instant), zone).DateTime, BerlinTime.LocalTime(instant));
    }

    [Fact]
    public void HourStarts_AskedOfDaysInTurn_AreEachDaysOwn()
    {
        var (spring, autumn, ordinary) = (new DateOnly(2025, 3, 30), new DateOnly(2025, 10, 26), new DateOnly(2025, 6, 15));
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(new DateTime(2025, 3, 30, 1, 0, 0, DateTimeKind.Utc), BerlinTime.HourStartUtc(spring, 3));
            Assert.Equal(new DateTime(2025, 10, 26, 0, 0, 0, DateTimeKind.Utc), BerlinTime.HourStartUtc(autumn, 2));
            Assert.False(BerlinTime.HourExists(spring, 2));
            Assert.True(BerlinTime.HourExists(autumn, 2));
            Assert.Equal(new DateTime(2025, 6, 15, 0, 0, 0, DateTimeKind.Utc), BerlinTime.HourStartUtc(ordinary, 2));
            Assert.Equal(new DateTime(2025, 10, 26, 2, 0, 0, DateTimeKind.Utc), BerlinTime.HourStartUtc(autumn, 3));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => BerlinTime.HourStartUtc(ordinary, 24));
    }

    [Fact]
    public void HourStartUtc_SpringClockChangeDay_HasNoHour2()
    {
        var day = new DateOnly(2025, 3, 30);
        Assert.Equal(new DateTime(2025, 3, 30, 0, 0, 0, DateTimeKind.Utc), BerlinTime.HourStartUtc(day, 1));
        Assert.Equal(new DateTime(2025, 3, 30, 1, 0, 0, DateTimeKind.Utc), BerlinTime.HourStartUtc(day, 3));
        Assert.Throws<ArgumentException>(() => BerlinTime.HourStartUtc(day, 2));
    }

    [Fact]
    public void DemoTrades_AreDeterministicAndOnlyUseExistingHours()
    {
        var lastDay = new DateOnly(2026, 4, 15); // the 90 days include the spring clock change
        var first = DemoData.Trades(lastDay).ToList();
        var second = DemoData.Trades(lastDay).ToList();

        Assert.Equal(first.Select(t => (t.Id, t.Price, t.Quantity, t.Direction)), second.Select(t => (t.Id, t.Price, t.Quantity, t.Direction)));
        Assert.All(first, t => Assert.True(BerlinTime.HourExists(t.DeliveryDay, t.DeliveryHour)));
        Assert.All(first, t => Assert.True(t.ExecutionTimeUtc < BerlinTime.HourStartUtc(t.DeliveryDay, t.DeliveryHour)));
        Assert.Equal(first.Count, first.Select(t => t.Id).Distinct().Count());
        Assert.Equal(DemoData.Days, first.Select(t => t.DeliveryDay).Distinct().Count());
        Assert.Equal(DemoData.Traders.Select(t => t.TraderId), first.Select(t => t.TraderId).Distinct().Order());
    }

    [Theory]
    [InlineData("/users", "/users")]
    [InlineData("/", "/")]
    [InlineData(null, "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    public void LocalUrls_OnlyFollowsSameSitePaths(string? returnUrl, string expected) =>
        Assert.Equal(expected, LocalUrls.OrHome(returnUrl));
}
