namespace FlexPower.Core.Import;

/// <summary>
/// Finds a process that has a file open for writing, in /proc: on Linux an exclusive open does not keep other writers out
/// (file locks there are advisory), so this is how the inbox sees an exchange's writer that pauses with its file open. It
/// sees the processes of this machine that this one may inspect (its own user's, or all of them as root); the check after
/// an import catches a writer it cannot see.
/// </summary>
internal static class OpenWriters
{
    private const string Processes = "/proc";

    /// <summary>The id of a process with <paramref name="file"/> open for writing, or null when none is seen.</summary>
    public static int? Of(FileState file)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(Processes)) return null;
        foreach (var process in Directory.EnumerateDirectories(Processes))
        {
            if (!int.TryParse(Path.GetFileName(process), out var id)) continue;
            try
            {
                foreach (var descriptor in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                {
                    if (UnixFile.TargetStateOf(descriptor) is not { } open || (open.Device, open.Inode) != (file.Device, file.Inode)) continue;
                    if (OpenForWriting(Path.Combine(process, "fdinfo", Path.GetFileName(descriptor)))) return id;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended meanwhile, or is not ours to inspect
            }
        }
        return null;
    }

    /// <summary>The descriptor's open flags (octal, in /proc/&lt;pid&gt;/fdinfo/&lt;fd&gt;) ask for writing: O_WRONLY or O_RDWR.</summary>
    private static bool OpenForWriting(string descriptorInfo)
    {
        foreach (var line in File.ReadLines(descriptorInfo))
            if (line.StartsWith("flags:", StringComparison.Ordinal)) return (Convert.ToInt32(line["flags:".Length..].Trim(), 8) & 3) != 0;
        return false;
    }
}
