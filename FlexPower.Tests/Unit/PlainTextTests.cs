using FlexPower.Core.Common;
using FlexPower.Core.Import;

namespace FlexPower.Tests.Unit;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\rb")]
    [InlineData("a\nb")]
    [InlineData("a\tb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")] // NEL, a line break to some readers
    [InlineData("a\uFFFDb")] // what bytes that are not UTF-8 decode to
    public void ControlCharactersAndInvalidText_AreRefused_NamingTheField(string value)
    {
        Assert.False(PlainText.Is(value));
        var refused = Assert.Throws<ValidationFailedException>(() => PlainText.Require(value, "trader_id"));
        Assert.StartsWith("trader_id must not contain control characters", refused.Message);
    }

    [Theory]
    [InlineData("trader_1")]
    [InlineData("Ökostrom Süd – 1 €")]
    [InlineData("with space")]
    [InlineData("")]
    public void OtherText_Passes(string value)
    {
        Assert.True(PlainText.Is(value));
        PlainText.Require(value, "trader_id");
        PlainText.Require(null, "trader_id");
    }

    [Theory]
    [InlineData("epex_trades_20230220.csv", "epex_trades_20230220.csv")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\drop\\prices.csv", "prices.csv")]
    [InlineData(null, "upload.csv")]
    [InlineData("folder/", "upload.csv")]
    public void ImportFileName_IsTheLastSegmentOfWhatWasSent(string? sent, string recorded) =>
        Assert.Equal(recorded, ImportFileName.Of(sent, "file_name"));

    [Fact]
    public void ImportFileName_IsCutTo200Characters_AndRefusedWithALineBreak()
    {
        Assert.Equal(ImportFileName.MaxLength, ImportFileName.Of(new string('a', 5_000), "file_name").Length);
        Assert.StartsWith("file_name must not", Assert.Throws<ValidationFailedException>(() => ImportFileName.Of("a\r\nb.csv", "file_name")).Message);
    }
}
