using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace FlexPower.Core.Import;

public enum FileKind { Regular, Directory, SymbolicLink, Special }

/// <summary>What the inbox knows a directory entry by: its kind, its identity (device and inode), its size and last write.</summary>
public sealed record FileState(FileKind Kind, ulong Device, ulong Inode, long Size, DateTime LastWriteUtc);

/// <summary>
/// The facts about a file that .NET does not give: the kind of a directory entry without following a link (to .NET a FIFO
/// or a device is a file, and opening a FIFO blocks until a writer comes), and the identity that tells the file opened is
/// the entry looked at. On Linux from statx(2); elsewhere from what .NET knows (links, folders and files only).
/// </summary>
internal static class UnixFile
{
    private const int AtCurrentDirectory = -100, AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7FF;
    private const int ReadOnly = 0, NonBlocking = 0x800, CloseOnExec = 0x80000;
    private const int NoSuchFile = 2;
    private const ushort TypeMask = 0xF000, RegularType = 0x8000, DirectoryType = 0x4000, LinkType = 0xA000;

    /// <summary>The entry itself, a link not followed; null when it is gone.</summary>
    public static FileState? StateOf(string path)
    {
        if (!OperatingSystem.IsLinux()) return ManagedStateOf(path);
        if (statx(AtCurrentDirectory, Utf8(path), AtSymlinkNoFollow, StatxBasicStats, out var status) == 0) return status.State;
        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchFile ? null : throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(error)}");
    }

    /// <summary>What a path leads to, links followed (a process's open file in /proc); null when that cannot be seen.</summary>
    public static FileState? TargetStateOf(string path) =>
        statx(AtCurrentDirectory, Utf8(path), 0, StatxBasicStats, out var status) == 0 ? status.State : null;

    public static FileState StateOf(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
            return new FileState(FileKind.Regular, 0, 0, RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle));
        if (statx((int)handle.DangerousGetHandle(), [0], AtEmptyPath, StatxBasicStats, out var status) == 0) return status.State;
        throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
    }

    /// <summary>Opens for reading without ever waiting: a FIFO put in the entry's place after it was looked at opens at once too.</summary>
    public static SafeFileHandle OpenForReading(string path)
    {
        if (!OperatingSystem.IsLinux()) return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var descriptor = open(Utf8(path), ReadOnly | NonBlocking | CloseOnExec);
        if (descriptor >= 0) return new SafeFileHandle(descriptor, ownsHandle: true);
        var error = Marshal.GetLastPInvokeError();
        throw error == NoSuchFile ? new FileNotFoundException($"{path} is gone", path) : new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(error)}");
    }

    private static FileState? ManagedStateOf(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return new FileState(FileKind.SymbolicLink, 0, 0, 0, default);
        if (Directory.Exists(path)) return new FileState(FileKind.Directory, 0, 0, 0, default);
        return info.Exists ? new FileState(FileKind.Regular, 0, 0, info.Length, info.LastWriteTimeUtc) : null;
    }

    private static byte[] Utf8(string path) => Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int directory, byte[] path, int flags, uint mask, out Statx status);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags);

    /// <summary>struct statx: the same layout on every Linux architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Statx
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long ModifiedSeconds;
        [FieldOffset(120)] public uint ModifiedNanoseconds;
        [FieldOffset(136)] public uint DeviceMajor;
        [FieldOffset(140)] public uint DeviceMinor;

        public readonly FileState State => new((Mode & TypeMask) switch
            {
                RegularType => FileKind.Regular,
                DirectoryType => FileKind.Directory,
                LinkType => FileKind.SymbolicLink,
                _ => FileKind.Special,
            },
            (ulong)DeviceMajor << 32 | DeviceMinor, Inode, (long)Size,
            DateTime.UnixEpoch.AddTicks(ModifiedSeconds * TimeSpan.TicksPerSecond + ModifiedNanoseconds / 100));
    }
}
