using System.Text.RegularExpressions;
using FlexPower.Core.Accounts;
using FlexPower.Core.Prices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Import;

/// <summary>
/// The folder the exchange drops its nightly file into. A scan imports every complete <c>epex_trades_YYYYMMDD.csv</c>,
/// moves it to the archive (or, when it cannot be read, to the failed folder with the reason in the ledger), and
/// and every complete <c>prices_&lt;series&gt;_YYYYMMDD.csv</c> into that reference series, and leaves other names alone.
/// A file only leaves the inbox after its import committed, so a crash mid-import means the next scan imports it again, completely.
/// </summary>
public sealed partial class ImportInbox(ImportService imports, PriceImportService prices, IOptions<ImportOptions> options, TimeProvider clock, ILogger<ImportInbox> logger)
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
                var series = PriceSeriesOf(name);
                if (series is null && !MissingFileSchedule.TryParseFileName(name, out _))
                {
                    if (ignored.Add(name)) logger.LogWarning("Inbox: {FileName} is not named epex_trades_YYYYMMDD.csv or prices_<series>_YYYYMMDD.csv; left alone", name);
                    continue;
                }
                if (!await IsCompleteAsync(path, cancellationToken)) continue;
                if (series is null) await ImportAsync(path, name, cancellationToken);
                else await ImportPricesAsync(path, name, series, cancellationToken);
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

    /// <summary>The series a <c>prices_&lt;series&gt;_YYYYMMDD.csv</c> file belongs to, or null for another name.</summary>
    public static string? PriceSeriesOf(string fileName) =>
        PriceFileName().Match(fileName) is { Success: true } match && PriceRules.IsSeriesName(match.Groups[1].Value)
            && DateOnly.TryParseExact(match.Groups[2].Value, "yyyyMMdd", out _) ? match.Groups[1].Value : null;

    private async Task ImportPricesAsync(string path, string name, string series, CancellationToken cancellationToken)
    {
        logger.LogInformation("Inbox: importing prices {FileName} into {Series}", name, series);
        try
        {
            var result = await prices.ImportFileAsync(path, new PriceImportRequest(series, name, ImportSource.Inbox, InboxCaller), cancellationToken);
            Move(path, Options.ArchiveDirectory);
            logger.LogInformation("Inbox: {FileName} {Status} ({Inserted} hours new, {Updated} corrected, {Rejected} rejected), archived",
                name, result.Status, result.Inserted, result.Updated, result.RejectedCount);
        }
        catch (ImportFailedException e)
        {
            Move(path, Options.FailedDirectory);
            logger.LogWarning("Inbox: {FileName} could not be imported and was moved to {Folder}: {Reason}", name, Options.FailedDirectory, e.Message);
        }
    }

    [GeneratedRegex("^prices_(.+)_([0-9]{8})\\.csv$")]
    private static partial Regex PriceFileName();

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
