using FlexPower.Core.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Import;

/// <summary>
/// The folder the exchange drops its nightly file into. A scan imports every complete <c>epex_trades_YYYYMMDD.csv</c>,
/// moves it to the archive (or, when it cannot be read, to the failed folder with the reason in the ledger), and
/// leaves other names alone. A file only leaves the inbox after its import committed, so a crash mid-import means
/// the next scan imports it again, completely.
/// </summary>
public sealed class ImportInbox(ImportService imports, IOptions<ImportOptions> options, TimeProvider clock, ILogger<ImportInbox> logger)
{
    private static readonly Caller InboxCaller = new("inbox", IsManager: true, TraderId: null);
    private readonly SemaphoreSlim scanning = new(1, 1);
    private readonly HashSet<string> ignored = [];

    public ImportOptions Options => options.Value;

    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        await scanning.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(Options.InboxDirectory);
            foreach (var path in Directory.GetFiles(Options.InboxDirectory).Order())
            {
                var name = Path.GetFileName(path);
                if (!MissingFileSchedule.TryParseFileName(name, out _))
                {
                    if (ignored.Add(name)) logger.LogWarning("Inbox: {FileName} is not named epex_trades_YYYYMMDD.csv; left alone", name);
                    continue;
                }
                if (await IsCompleteAsync(path, cancellationToken)) await ImportAsync(path, name, cancellationToken);
            }
        }
        finally
        {
            scanning.Release();
        }
    }

    private async Task ImportAsync(string path, string name, CancellationToken cancellationToken)
    {
        logger.LogInformation("Inbox: importing {FileName}", name);
        try
        {
            var result = await imports.ImportFileAsync(path, new ImportRequest(name, ImportSource.Inbox, InboxCaller), cancellationToken: cancellationToken);
            Move(path, Options.ArchiveDirectory);
            logger.LogInformation("Inbox: {FileName} {Status}, archived", name, result.Status);
        }
        catch (ImportFailedException e)
        {
            Move(path, Options.FailedDirectory);
            logger.LogWarning("Inbox: {FileName} could not be imported and was moved to {Folder}: {Reason}", name, Options.FailedDirectory, e.Message);
        }
    }

    /// <summary>Unchanged size and time stamp over <see cref="ImportOptions.StableFor"/>, and nobody else has it open for writing.</summary>
    private async Task<bool> IsCompleteAsync(string path, CancellationToken cancellationToken)
    {
        var before = new FileInfo(path);
        var (size, written) = (before.Length, before.LastWriteTimeUtc);
        await Task.Delay(Options.StableFor, clock, cancellationToken);
        var after = new FileInfo(path);
        if (!after.Exists || after.Length != size || after.LastWriteTimeUtc != written) return false;
        try
        {
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private void Move(string path, string folder)
    {
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, Path.GetFileName(path));
        if (File.Exists(target))
            target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(path)}.{clock.GetUtcNow():yyyyMMddHHmmss}{Path.GetExtension(path)}");
        File.Move(path, target);
    }
}
