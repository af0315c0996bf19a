using FlexPower.Web.Components.Shared;

namespace FlexPower.Tests.Components.Shared;

public sealed class DateRangeInputTests
{
    private static readonly DateOnly Feb20 = new(2023, 2, 20), Feb28 = new(2023, 2, 28);

    [Fact]
    public void FromAfterTo_IsInvalid_AndSaysWhichDays()
    {
        var input = new DateRangeInput(Feb28, Feb20);

        Assert.False(input.IsValid);
        Assert.Equal("From (2023-02-28) is after To (2023-02-20).", input.Problem);
        Assert.Equal(Feb28, input.From); // what the user entered stays
    }

    [Fact]
    public void OpenEnds_AreValidForAFilter_ButNotForAReport()
    {
        Assert.True(new DateRangeInput(Feb20, null).IsValid);
        Assert.Equal("Choose a To day.", new DateRangeInput(Feb20, null, BothRequired: true).Problem);
        Assert.Equal("Choose a From day.", new DateRangeInput(null, Feb20, BothRequired: true).Problem);
    }

    [Fact]
    public void MoreThanFiveYears_IsInvalid() =>
        Assert.Contains("longer than 5 years", new DateRangeInput(Feb20, Feb20.AddYears(5).AddDays(1)).Problem);

    [Fact]
    public void OneDay_AndFiveYears_AreValid()
    {
        Assert.Null(new DateRangeInput(Feb20, Feb20, true).Problem);
        Assert.Null(new DateRangeInput(Feb20, Feb20.AddYears(5), true).Problem);
    }
}
