using System.Security.Cryptography;
using FlexPower.Core.Import;

namespace FlexPower.Tests.Unit;

public sealed class ImportSpoolTests
{
    [Fact]
    public async Task Upload_IsCopiedToATempFileWithItsHashAndSize_AndDisposingDeletesIt()
    {
        var content = new byte[300_000];
        new Random(7).NextBytes(content);
        var copied = new List<long>();

        var spool = await ImportSpool.CopyAsync(new MemoryStream(content), new InlineProgress(copied.Add), CancellationToken.None);
        await using (spool)
        {
            Assert.StartsWith("flexpower-import-", Path.GetFileName(spool.Path));
            Assert.Equal(Path.GetFullPath(Path.GetTempPath()), Path.GetDirectoryName(spool.Path) + Path.DirectorySeparatorChar);
            Assert.Equal(content, await File.ReadAllBytesAsync(spool.Path, TestContext.Current.CancellationToken));
            Assert.Equal(new FileFingerprint(Convert.ToHexStringLower(SHA256.HashData(content)), content.Length), spool.Fingerprint);
            Assert.Equal(spool.Fingerprint, await ImportSpool.FingerprintAsync(spool.Path, CancellationToken.None));
            Assert.Equal(content.Length, copied[^1]);
        }
        Assert.False(File.Exists(spool.Path));
    }

    [Fact]
    public void SpoolsLeftByAKilledProcess_AreRemovedAtStart_RunningUploadsAreNot()
    {
        var left = Path.Combine(Path.GetTempPath(), $"flexpower-import-{Guid.NewGuid():N}.csv");
        var running = Path.Combine(Path.GetTempPath(), $"flexpower-import-{Guid.NewGuid():N}.csv");
        File.WriteAllText(left, "id\n");
        File.WriteAllText(running, "id\n");
        // The clock is set from the times the file system reports, not from the machine's clock: under faketime a file's
        // reported times are shifted but the times a process sets are not, so back-dating a file by the clock fails there.
        var leftAt = File.GetLastWriteTimeUtc(left);
        File.SetLastWriteTimeUtc(running, leftAt + TimeSpan.FromHours(1));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(leftAt + ImportSpool.StaleAfter + TimeSpan.FromMinutes(1), TimeSpan.Zero));
        try
        {
            Assert.True(ImportSpool.RemoveStale(clock) >= 1);
            Assert.False(File.Exists(left));
            Assert.True(File.Exists(running));
        }
        finally
        {
            File.Delete(running);
        }
    }

    private sealed class InlineProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
