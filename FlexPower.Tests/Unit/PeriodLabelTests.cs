using FlexPower.Core.Common;

namespace FlexPower.Tests.Unit;

public sealed class PeriodLabelTests
{
    private static DateTime Utc(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc);

    [Theory]
    [InlineData("2025-06-01T12:15:00Z", "2025-06-01T12:30:00Z", "14:15–14:30")]
    [InlineData("2025-06-01T12:00:00Z", "2025-06-01T13:00:00Z", "14:00–15:00")]
    [InlineData("2025-06-01T21:00:00Z", "2025-06-01T22:00:00Z", "23:00–24:00")]
    [InlineData("2025-05-31T22:00:00Z", "2025-06-01T22:00:00Z", "00:00–24:00")]
    [InlineData("2025-06-01T20:00:00Z", "2025-06-02T02:00:00Z", "22:00–04:00 (+1 d)")]
    [InlineData("2025-03-30T00:45:00Z", "2025-03-30T01:15:00Z", "01:45–03:15")] // across the spring jump
    [InlineData("2025-10-26T00:00:00Z", "2025-10-26T01:00:00Z", "02:00–03:00")]
    [InlineData("2025-10-26T01:00:00Z", "2025-10-26T02:00:00Z", "02:00–03:00 (2)")]
    [InlineData("2025-10-26T00:45:00Z", "2025-10-26T01:00:00Z", "02:45–03:00")]
    [InlineData("2025-10-26T01:00:00Z", "2025-10-26T01:15:00Z", "02:00–02:15 (2)")]
    public void Period_IsBerlinWallClock_WithTheAutumnHoursToldApart(string start, string end, string expected) =>
        Assert.Equal(expected, PeriodLabel.Of(Utc(start), Utc(end)));
}
