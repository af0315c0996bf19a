using System.Text;
using FlexPower.Core.Import;

namespace FlexPower.Tests.Unit;

public sealed class CsvRecordReaderTests
{
    private static List<CsvRecord> ReadAll(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var csv = new CsvRecordReader(reader);
        var records = new List<CsvRecord>();
        while (csv.Read() is { } record) records.Add(record);
        return records;
    }

    [Fact]
    public void Read_BomCrlfAndNoFinalNewline_GivesCleanFields()
    {
        var records = ReadAll("\uFEFFid,price\r\na,1\r\nb,2");
        Assert.Equal([["id", "price"], ["a", "1"], ["b", "2"]], records.Select(r => r.Fields.ToArray()));
        Assert.Equal([1, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public void Read_QuotedFieldsWithCommasQuotesAndLineBreaks_AreUnescaped()
    {
        var records = ReadAll("a,\"x, \"\"y\"\"\",c\n\"multi\nline\",2,3\nlast,1,2\n");
        Assert.Equal(["a", "x, \"y\"", "c"], records[0].Fields);
        Assert.Equal(["multi\nline", "2", "3"], records[1].Fields);
        Assert.Equal(4, records[2].Line); // the quoted line break is counted
    }

    [Fact]
    public void Read_SurroundingWhitespace_IsTrimmed_AroundPlainAndQuotedValues()
    {
        var records = ReadAll("  a , \"b\"  ,c  \n");
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Null(records[0].Error);
    }

    [Fact]
    public void Read_BlankLines_AreSkippedButCounted()
    {
        var records = ReadAll("h\n\n  \nx\n");
        Assert.Equal(["h", "x"], records.Select(r => r.Fields[0]));
        Assert.Equal(4, records[1].Line);
    }

    [Fact]
    public void Read_UnterminatedQuote_IsAnErrorRecord()
    {
        var records = ReadAll("a,b\n\"open,1\n");
        Assert.StartsWith("unterminated quoted field", records[1].Error);
    }

    [Fact]
    public void Read_TextAfterClosingQuote_IsAnErrorRecord() =>
        Assert.StartsWith("unexpected 'x' after a closing quote", ReadAll("\"a\"x,b\n")[0].Error);
}
