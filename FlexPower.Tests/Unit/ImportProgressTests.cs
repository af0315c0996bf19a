using FlexPower.Core.Import;

namespace FlexPower.Tests.Unit;

public sealed class ImportProgressTests
{
    [Theory]
    [InlineData(ImportStage.Reading, 0, 0.0)]
    [InlineData(ImportStage.Reading, 50, 0.1)]   // reading is the first fifth when the rows are stored afterwards (SQLite)
    [InlineData(ImportStage.Storing, 0, 0.2)]
    [InlineData(ImportStage.Storing, 50, 0.6)]
    [InlineData(ImportStage.ReadingAndStoring, 0, 0.0)] // one pass (PostgreSQL): the bar starts at 0, not at a fifth
    [InlineData(ImportStage.ReadingAndStoring, 50, 0.5)]
    [InlineData(ImportStage.ReadingAndStoring, 100, 1.0)]
    public void Fraction_FollowsTheStagesTheWriterRuns(ImportStage stage, long bytesRead, double expected) =>
        Assert.Equal(expected, new ImportProgress(stage, 0, bytesRead, 100).Fraction, precision: 6);

    [Fact]
    public void Fraction_OfAnEmptyInput_IsTheStagesEnd() =>
        Assert.Equal(1.0, new ImportProgress(ImportStage.Storing, 0, 0, 0).Fraction, precision: 6);
}
