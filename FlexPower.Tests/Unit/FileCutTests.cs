using System.Text;
using FlexPower.Core.Import;

namespace FlexPower.Tests.Unit;

/// <summary>Where a large file is cut for reading on two threads: on a line break near its middle, the lines before it counted as CsvHelper counts them.</summary>
public sealed class FileCutTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("flexpower-filecut-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private FileStream Open(string content)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return new FileStream(path, FileMode.Open, FileAccess.Read);
    }

    private static string Lines(int count, string lineBreak) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"line {i:D6},{new string('x', 60)}{lineBreak}"));

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void ALargeFile_IsCutAfterTheLineBreakNearestItsMiddle_WithTheLinesBeforeCounted(string lineBreak)
    {
        var content = Lines(70_000, lineBreak);
        using var file = Open(content);

        var cut = FileCut.Of(file) ?? throw new InvalidOperationException("not cut");

        var lineLength = content.IndexOf(lineBreak, StringComparison.Ordinal) + lineBreak.Length;
        Assert.Equal(0, cut.Offset % lineLength); // the second part starts a line
        Assert.InRange(cut.Offset - content.Length / 2, 0, lineLength);
        Assert.Equal(cut.Offset / lineLength, cut.LinesBefore);
    }

    [Fact]
    public void MixedLineBreaks_AreCountedAsTheReaderCountsThem_CrLfOnce()
    {
        // 4 MB of lines ending in CR, LF and CR LF in turn: every line is one line, whichever break ends it.
        var breaks = new[] { "\r", "\n", "\r\n" };
        var content = string.Concat(Enumerable.Range(0, 70_000).Select(i => $"line {i:D6},{new string('x', 60)}{breaks[i % 3]}"));
        using var file = Open(content);

        var cut = FileCut.Of(file) ?? throw new InvalidOperationException("not cut");

        var before = content[..(int)cut.Offset];
        Assert.Equal(before.Replace("\r\n", "\n").Count(c => c is '\r' or '\n'), cut.LinesBefore);
        Assert.True(before.EndsWith('\n') || before.EndsWith('\r') && content[(int)cut.Offset] != '\n');
    }

    [Fact]
    public void ASmallFile_OrOneWithoutALineBreakAfterItsMiddle_IsNotCut()
    {
        using var small = Open(Lines(1_000, "\n"));
        using var oneLine = Open("header\n" + new string('x', (int)FileCut.From));

        Assert.Null(FileCut.Of(small));
        Assert.Null(FileCut.Of(oneLine));
    }
}
