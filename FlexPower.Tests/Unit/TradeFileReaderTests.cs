using System.Text;
using FlexPower.Core.Accounts;
using FlexPower.Core.Import;

namespace FlexPower.Tests.Unit;

public sealed class TradeFileReaderTests
{
    private const string Header = "id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time";
    private const string Row = "t_1,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z";
    private static readonly Caller Manager = new("boss", true, null);

    private sealed record ReadRow(int Line, string Raw, string? Id, string? Reason);

    private static List<ReadRow> ReadAll(string text, Caller? caller = null, int maxLineBytes = 64 * 1024) => ReadAll(Encoding.UTF8.GetBytes(text), caller, maxLineBytes);

    private static List<ReadRow> ReadAll(byte[] bytes, Caller? caller = null, int maxLineBytes = 64 * 1024)
    {
        Assert.True(TradeFileReader.TryOpen(new MemoryStream(bytes), caller ?? Manager, maxLineBytes, out var reader, out var problem), problem);
        var rows = new List<ReadRow>();
        using (reader)
            while (reader.Read()) rows.Add(new ReadRow(reader.Line, Encoding.UTF8.GetString(reader.Raw), reader.Trade?.Id, reader.Reason));
        return rows;
    }

    private static string HeaderProblem(string text)
    {
        Assert.False(TradeFileReader.TryOpen(new MemoryStream(Encoding.UTF8.GetBytes(text)), Manager, 64 * 1024, out _, out var problem));
        return problem;
    }

    [Fact]
    public void BomCrlfAndNoFinalNewline_GiveCleanRowsWithTheirLines()
    {
        var rows = ReadAll($"\uFEFF{Header}\r\n{Row}\r\n{Row.Replace("t_1", "t_2")}");
        Assert.Equal([(2, "t_1"), (3, "t_2")], rows.Select(r => (r.Line, r.Id)));
        Assert.Equal(Row, rows[0].Raw);
        Assert.All(rows, r => Assert.Null(r.Reason));
    }

    [Fact]
    public void QuotedValues_WithCommasAndEscapedQuotes_AreUnquoted_AndWhitespaceAroundValuesIsTrimmed()
    {
        var rows = ReadAll($"{Header}\n\"a,\"\"b\"\"\", \"120\" ,  12 ,sell,2023-02-28,14,\t\"trader_1\"  ,2023-02-28T11:12:35Z\n");
        Assert.Equal("a,\"b\"", Assert.Single(rows).Id);
        Assert.Null(rows[0].Reason);
    }

    [Fact]
    public void BlankLines_AreSkippedButCounted()
    {
        var rows = ReadAll($"{Header}\n\n   \n{Row}\n\n");
        Assert.Equal(4, Assert.Single(rows).Line);
    }

    [Fact]
    public void Header_InAnyOrderAndCase_MapsTheColumnsByName()
    {
        var rows = ReadAll(" TRADER_ID ,Execution_Time,id,price,quantity,direction,delivery_day,delivery_hour\ntrader_1,2023-02-28T11:12:35Z,r1,120,12,sell,2023-02-28,14\n");
        Assert.Equal("r1", Assert.Single(rows).Id);
    }

    [Fact]
    public void Header_WithoutRequiredColumns_NamesTheMissingOnes()
    {
        var problem = HeaderProblem("id,price,quantity,direction\nx,1,1,buy\n");
        Assert.Contains("missing required column(s) delivery_day, delivery_hour, trader_id, execution_time (found: id, price, quantity, direction)", problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n  \n")]
    public void EmptyFile_HasNoHeader(string text) => Assert.StartsWith("The file is empty", HeaderProblem(text));

    [Fact]
    public void Header_WithBrokenQuoting_IsNotUsable() =>
        Assert.Contains("no usable header: its quoting is malformed", HeaderProblem($"\"id\"x,{Header[3..]}\n{Row}\n"));

    [Fact]
    public void UnterminatedQuote_RejectsOnlyItsLine_AndTheNextLinesAreReadWithTheirLineNumbers()
    {
        var rows = ReadAll($"{Header}\n{Row}\n\"t_2,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z\n{Row.Replace("t_1", "t_3")}\n\n{Row.Replace("t_1", "t_4")}");
        Assert.Equal([2, 3, 4, 6], rows.Select(r => r.Line));
        Assert.StartsWith("unterminated quoted field", rows[1].Reason);
        Assert.Equal("\"t_2,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z", rows[1].Raw);
        Assert.Equal(["t_1", null, "t_3", "t_4"], rows.Select(r => r.Id));
    }

    [Fact]
    public void TextAfterAClosingQuote_RejectsTheLine_NamingTheCharacter()
    {
        var rows = ReadAll($"{Header}\n\"t_1\"x,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z\n{Row}\n");
        Assert.StartsWith("unexpected 'x' after a closing quote", rows[0].Reason);
        Assert.Null(rows[1].Reason);
    }

    [Fact]
    public void StrayQuoteInAnUnquotedValue_RejectsTheLine()
    {
        var rows = ReadAll($"{Header}\nt\"1,120,12,sell,2023-02-28,14,trader_1,2023-02-28T11:12:35Z\n");
        Assert.StartsWith("stray '\"' inside an unquoted value", Assert.Single(rows).Reason);
    }

    [Fact]
    public void WrongColumnCount_IsRejectedWithTheCounts() =>
        Assert.Equal("expected 8 columns like the header, got 7", Assert.Single(ReadAll($"{Header}\n{Row[..Row.LastIndexOf(',')]}\n")).Reason);

    [Fact]
    public void RuleBreakingRow_GetsEveryRuleItBreaks() =>
        Assert.Equal("direction must be exactly 'buy' or 'sell' (got 'hold'). delivery_hour must be an integer from 0 to 23 (got '24').",
            Assert.Single(ReadAll($"{Header}\n{Row.Replace("sell", "hold").Replace(",14,", ",24,")}\n")).Reason);

    [Fact]
    public void Trader_MayReadOnlyOwnRows()
    {
        var rows = ReadAll($"{Header}\n{Row}\n{Row.Replace("t_1", "t_2").Replace("trader_1", "trader_2")}\n", new Caller("tom", false, "trader_1"));
        Assert.Null(rows[0].Reason);
        Assert.StartsWith("trader_id 'trader_2' is not yours", rows[1].Reason);
    }

    [Fact]
    public void LineOverTheLimit_IsRejectedOnItsOwn_AndTheNextLineIsRead()
    {
        var rows = ReadAll($"{Header}\n{Row}{new string(' ', 300)}\n{Row.Replace("t_1", "t_2")}\n", maxLineBytes: 200);
        Assert.StartsWith("line is longer than 200 bytes", rows[0].Reason);
        Assert.Equal(201, rows[0].Raw.Length);
        Assert.Equal((3, "t_2"), (rows[1].Line, rows[1].Id));
    }

    [Fact]
    public void HeaderOverTheLimit_IsNotUsable_NamingTheLimit()
    {
        // The required columns come first, so a silently cut header would still map them.
        Assert.False(TradeFileReader.TryOpen(new MemoryStream(Encoding.UTF8.GetBytes($"{Header},{new string('x', 300)}\n{Row}\n")), Manager, 200, out _, out var problem));
        Assert.StartsWith("The file has no usable header: its first line is longer than 200 bytes (Import:MaxLineBytes)", problem);
    }

    [Fact]
    public void HugeLine_IsCutBeforeTheCsvReaderBuffersIt()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\n{Row}\n\"{new string('x', 16 << 20)}\n{Row.Replace("t_1", "t_2")}\n");
        var before = GC.GetAllocatedBytesForCurrentThread();

        var rows = ReadAll(bytes);

        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20, "reading a 16 MB line must not buffer it");
        Assert.Equal([(2, null), (3, "line is longer than 65,536 bytes"), (4, null)], rows.Select(r => (r.Line, r.Reason?[..32])));
    }
}
