using FlexPower.Web.Components.Shared;

namespace FlexPower.Tests.Components.Shared;

public sealed class LiveHighlightsTests
{
    [Fact]
    public void ALoadTheUserAskedFor_HighlightsNothing()
    {
        var highlights = new LiveHighlights<string>();
        highlights.Track(["a"], r => r, _ => null, live: false);
        highlights.Track(["a", "b"], r => r, _ => null, live: false);

        Assert.Empty(highlights.Changed);
        Assert.Equal("", highlights.ClassFor("b"));
    }

    [Fact]
    public void ALiveRefresh_HighlightsRowsThatArrivedOrChanged_Only()
    {
        var highlights = new LiveHighlights<int>();
        highlights.Track([(1, 10m), (2, 20m)], r => r.Item1, r => r.Item2, live: false);

        highlights.Track([(1, 10m), (2, 25m), (3, 5m)], r => r.Item1, r => r.Item2, live: true);

        Assert.Equal([2, 3], highlights.Changed.Order());
        Assert.Equal("", highlights.ClassFor(1));
        Assert.StartsWith("fp-arrived-", highlights.ClassFor(3));
    }

    [Fact]
    public void ARowChangingAgain_GetsTheOtherClass_SoTheFlashReplays()
    {
        var highlights = new LiveHighlights<int>();
        highlights.Track([(1, 1)], r => r.Item1, r => r.Item2, live: false);
        highlights.Track([(1, 2)], r => r.Item1, r => r.Item2, live: true);
        var first = highlights.ClassFor(1);
        highlights.Track([(1, 3)], r => r.Item1, r => r.Item2, live: true);

        Assert.NotEqual(first, highlights.ClassFor(1));
        Assert.StartsWith("fp-arrived-", highlights.ClassFor(1));
    }
}
