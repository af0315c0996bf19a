namespace FlexPower.Core.Import;

public enum ImportSource { Upload, Api, Inbox, CommandLine }

/// <summary>How an import went; <see cref="Incomplete"/> is a price file stored in part: still storing, or stopped (see <see cref="Prices.PriceImportService"/>).</summary>
public enum ImportStatus { Imported, AlreadyImported, Failed, Incomplete }

/// <summary>What a file holds: exchange trades, or reference prices.</summary>
public enum ImportKind { Trades, Prices }

/// <summary>One line of the import ledger: what was imported, from where, by whom, and how it went.</summary>
public sealed class ImportRecord
{
    public long Id { get; set; }
    public ImportSource Source { get; set; }
    public ImportKind Kind { get; set; } = ImportKind.Trades;
    public required string FileName { get; set; }

    /// <summary>The reference series a price file was imported into; null for trades.</summary>
    public string? Series { get; set; }

    public required string Sha256 { get; set; }
    public long SizeBytes { get; set; }
    public required string UserName { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime FinishedUtc { get; set; }
    public int Rows { get; set; }
    public int Inserted { get; set; }
    public int Duplicates { get; set; }

    /// <summary>Rows that replaced a different stored value (a corrected reference price); trades are never replaced.</summary>
    public int Updated { get; set; }
    public int Rejected { get; set; }
    public ImportStatus Status { get; set; }
    public bool Forced { get; set; }
    public string? Message { get; set; }

    /// <summary>Adds a sentence to the message, after what it says already.</summary>
    public void AppendMessage(string text) => Message = Message is null ? text : $"{Message} {text}";
}

/// <summary>A row an import did not store, kept with its line and raw text so it can be reviewed and downloaded.</summary>
public sealed class ImportRejection
{
    private const int MaxRawLength = 2_000;

    public long Id { get; set; }
    public long ImportId { get; set; }
    public int Line { get; set; }
    public required string Raw { get; set; }
    public required string Reason { get; set; }

    /// <summary>A rejected line as the ledger keeps it: printable, and cut after <see cref="MaxRawLength"/> characters.</summary>
    public static string Kept(string rawText)
    {
        var text = Common.Echo.Printable(rawText);
        return text.Length <= MaxRawLength ? text : text[..MaxRawLength] + "…";
    }
}
