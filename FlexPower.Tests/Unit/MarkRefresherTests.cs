using FlexPower.Core.Reports;

namespace FlexPower.Tests.Unit;

public sealed class MarkRefresherTests
{
    private static DateOnly Day(int month, int day) => new(2026, month, day);

    [Fact]
    public void Spans_GroupStaleDaysIntoSpansOfAtMostAMonth_EachStartingAtAStaleDay()
    {
        var days = new[] { Day(1, 1), Day(1, 2), Day(1, 31), Day(2, 1), Day(2, 2), Day(6, 30) };

        Assert.Equal([(Day(1, 1), Day(1, 31)), (Day(2, 1), Day(2, 2)), (Day(6, 30), Day(6, 30))], MarkRefresher.Spans(days));
        Assert.Empty(MarkRefresher.Spans([]));
    }
}
