namespace FlexPower.Core.Import;

/// <summary>The <c>Import</c> configuration section. Relative folders are resolved against the content root.</summary>
public sealed class ImportOptions
{
    /// <summary>The inbox watcher and the missing-file alerts run (on the leader).</summary>
    public bool Enabled { get; set; } = true;

    public string InboxDirectory { get; set; } = "data/inbox";
    public string ArchiveDirectory { get; set; } = "data/archive";
    public string FailedDirectory { get; set; } = "data/failed";

    /// <summary>How often the inbox is scanned even without a file-system event (a missed event, a file dropped while down).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A file counts as complete once no process has it open for writing and its size and time stamp stayed the same this long.</summary>
    public TimeSpan StableFor { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Europe/Berlin time by which the previous day's file must have been imported.</summary>
    public TimeOnly ExpectedBy { get; set; } = new(8, 0);

    /// <summary>Between midnight and <see cref="ExpectedBy"/> (and while an alert is open) the inbox is re-checked this often.</summary>
    public TimeSpan RetryEvery { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The largest file an import takes: an upload (page or API) may send, or the inbox reads.</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>How many past trade days a missing file keeps alerting for.</summary>
    public int AlertLookbackDays { get; set; } = 3;

    /// <summary>The longest line an import reads, in bytes; a longer one is rejected on its own, so one runaway line cannot exhaust memory.</summary>
    public int MaxLineBytes { get; set; } = 64 * 1024;
}
