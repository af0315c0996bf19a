using System.Diagnostics;

namespace FlexPower.Tests.Support;

/// <summary>
/// A real, small file system (tmpfs) of the test's own, to run a database on and fill up: a full disk as the database sees
/// it, with the operating system's own "no space left on device". Mounting needs root (CAP_SYS_ADMIN); elsewhere the test
/// is skipped with the reason.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private readonly string filler;

    private SmallDisk(string path) => (Path, filler) = (path, System.IO.Path.Combine(path, "filler"));

    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MB, owned by <paramref name="owner"/> (a user name) when given.</summary>
    public static async Task<SmallDisk> MountAsync(int megabytes, string? owner = null)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flexpower-tests", $"disk-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        var options = $"size={megabytes}m,mode=0755";
        if (owner is not null) options += $",uid={(await RunAsync("id", "-u", owner)).Trim()},gid={(await RunAsync("id", "-g", owner)).Trim()}";
        try
        {
            await RunAsync("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
        }
        catch (InvalidOperationException e)
        {
            Directory.Delete(path);
            Assert.Skip($"A small file system to fill up could not be mounted (needs root): {e.Message}");
        }
        return new SmallDisk(path);
    }

    /// <summary>Takes every byte that is left, with one file.</summary>
    public void Fill()
    {
        using var file = new FileStream(filler, FileMode.Append, FileAccess.Write, FileShare.None, 1);
        var block = new byte[64 * 1024];
        try
        {
            while (true) file.Write(block);
        }
        catch (IOException)
        {
            // the disk is full
        }
        var remaining = new byte[512];
        for (var size = remaining.Length; size > 0; size /= 2)
        {
            try { file.Write(remaining, 0, size); }
            catch (IOException) { }
        }
    }

    public void Free() => File.Delete(filler);

    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "--lazy", Path);
        Directory.Delete(Path);
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error.Trim()}");
        return await output;
    }
}
