using System.Diagnostics;

namespace FlexPower.Bench;

/// <summary>A small tmpfs (needs root) to put a database on, fill up with one file, and free again: the operating system's own "no space left on device".</summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }
    private string Filler => System.IO.Path.Combine(Path, "filler");

    public static async Task<SmallDisk> MountAsync(int megabytes, string? owner)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"flexpower-campaign-disk-{Environment.ProcessId}");
        Directory.CreateDirectory(path);
        var options = $"size={megabytes}m,mode=0755";
        if (owner is not null) options += $",uid={(await RunAsync("id", "-u", owner)).Trim()},gid={(await RunAsync("id", "-g", owner)).Trim()}";
        await RunAsync("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Takes every byte that is left.</summary>
    public void Fill()
    {
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, 1);
        foreach (var size in new[] { 64 * 1024, 4096, 512, 1 })
        {
            var block = new byte[size];
            try { while (true) file.Write(block); }
            catch (IOException) { } // this size no longer fits: try a smaller one
        }
    }

    public void Free() => File.Delete(Filler);

    public async ValueTask DisposeAsync()
    {
        await RunAsync("umount", "--lazy", Path);
        Directory.Delete(Path);
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error.Trim()}");
        return await output;
    }
}
