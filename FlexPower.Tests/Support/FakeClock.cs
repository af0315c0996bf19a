namespace FlexPower.Tests.Support;

/// <summary>A TimeProvider whose "now" the test sets; timers are not needed by the code under test.</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Sets the clock to a Europe/Berlin wall-clock time.</summary>
    public void SetBerlin(int year, int month, int day, int hour, int minute) =>
        Now = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0), FlexPower.Core.Common.BerlinTime.Zone), TimeSpan.Zero);
}
