using System.Text;
using FlexPower.Core.Import;

namespace FlexPower.Tests.Unit;

public sealed class LineLengthLimitStreamTests
{
    /// <summary>A source that hands out at most a few bytes per read, so lines and cuts straddle every block boundary.</summary>
    private sealed class Trickle(byte[] content, int chunk) : MemoryStream(content)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }

    private static string Pass(string input, int limit, int chunk, int readSize)
    {
        using var stream = new LineLengthLimitStream(new Trickle(Encoding.ASCII.GetBytes(input), chunk), limit);
        var output = new MemoryStream();
        var buffer = new byte[readSize];
        int read;
        while ((read = stream.Read(buffer)) > 0) output.Write(buffer, 0, read);
        return Encoding.ASCII.GetString(output.ToArray());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 4)]
    [InlineData(7, 64)]
    [InlineData(1000, 1000)]
    public void LinesOverTheLimit_AreCutAfterLimitPlusOneBytes_WhateverTheBlockSizes(int chunk, int readSize)
    {
        const string input = "abcd\n0123456789\r\nxyz\r0123456\n\n01234567890123456789";
        Assert.Equal("abcd\n012345\r\nxyz\r012345\n\n012345", Pass(input, limit: 5, chunk, readSize));
    }

    [Fact]
    public void ShortLines_PassUnchanged()
    {
        var input = string.Concat(Enumerable.Range(0, 500).Select(i => $"line {i},{new string('x', i % 40)}\r\n"));
        Assert.Equal(input, Pass(input, limit: 64, chunk: 333, readSize: 100));
    }
}
