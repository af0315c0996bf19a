using FlexPower.Core.Import;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Unit;

public sealed class TakenFileStreamTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadsTheBytesTheFileHadWhenTaken_NotWhatWasAddedSince()
    {
        using var taken = new TakenFileStream(new MemoryStream("taken;added later"u8.ToArray()), "taken;".Length, Now.AddMinutes(1), new FakeTimeProvider(Now));
        using var read = new MemoryStream();

        await taken.CopyToAsync(read, TestContext.Current.CancellationToken);

        Assert.Equal("taken;"u8.ToArray(), read.ToArray());
    }

    [Fact]
    public void AFileThatShrankSinceItWasTaken_FailsTheRead()
    {
        using var taken = new TakenFileStream(new MemoryStream("short"u8.ToArray()), 100, Now.AddMinutes(1), new FakeTimeProvider(Now));

        var failure = Assert.Throws<IOException>(() => taken.CopyTo(Stream.Null));
        Assert.Contains("ended after 5 of the 100 bytes", failure.Message);
    }

    [Fact]
    public async Task AReadPastItsDeadline_GivesUp()
    {
        var clock = new FakeTimeProvider(Now);
        using var taken = new TakenFileStream(new MemoryStream(new byte[1_000]), 1_000, Now.AddMinutes(10), clock);
        var buffer = new byte[100];
        await taken.ReadExactlyAsync(buffer, TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromMinutes(11));

        await Assert.ThrowsAsync<TimeoutException>(async () => await taken.ReadExactlyAsync(buffer, TestContext.Current.CancellationToken));
    }
}
