using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Support;

public static class BerlinClock
{
    /// <summary>Moves a fake clock forward to a Europe/Berlin wall-clock time (timers and delays due by then fire).</summary>
    public static void SetBerlin(this FakeTimeProvider clock, int year, int month, int day, int hour, int minute) =>
        clock.SetUtcNow(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0), FlexPower.Core.Common.BerlinTime.Zone), TimeSpan.Zero));
}
