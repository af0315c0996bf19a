namespace FlexPower.Core.Import;

/// <summary>
/// What to import and on whose behalf. <paramref name="Force"/> re-runs content the ledger already has (it then only finds
/// duplicates); <paramref name="Note"/> opens the ledger line's message (the inbox: why a file is imported again).
/// </summary>
public sealed record ImportRequest(string FileName, ImportSource Source, Accounts.Caller Caller, bool Force = false, string? Note = null)
{
    /// <summary>The trader the upload names as the one its trades are for (<see cref="Accounts.Caller.UploadTrader"/>), if any.</summary>
    public string? TraderId { get; init; }
}

/// <summary>A rejected row: its line number, why, and the line's own text as the ledger keeps it (<see cref="ImportRejection.Kept"/>).</summary>
public sealed record RejectedRow(int Line, string Reason, string Raw);

/// <summary>The outcome of one file; <see cref="Rejected"/> lists at most <see cref="ImportService.MaxRejectionsReturned"/> rows (all are kept in the ledger).</summary>
public sealed record ImportResult(
    long ImportId,
    string FileName,
    string Sha256,
    ImportStatus Status,
    int Rows,
    int Inserted,
    int Duplicates,
    int RejectedCount,
    IReadOnlyList<RejectedRow> Rejected,
    string? Message);

/// <summary>Reading and checking, then storing (SQLite: the lock is taken after reading); or both in one pass (PostgreSQL).</summary>
public enum ImportStage { Reading, Storing, ReadingAndStoring }

/// <summary>Progress while a file is processed: the stage, rows so far, and how far into the stage's input (bytes of the file, or of the checked rows read first).</summary>
public readonly record struct ImportProgress(ImportStage Stage, int Rows, long BytesRead, long TotalBytes)
{
    // Reading and checking takes about a fifth of an import (measured on bench/import.sh); storing the rest.
    private const double ReadingShare = 0.2;

    /// <summary>How far the whole import is, from 0 to 1.</summary>
    public double Fraction
    {
        get
        {
            var stage = TotalBytes == 0 ? 1 : Math.Min(1, (double)BytesRead / TotalBytes);
            return Stage switch
            {
                ImportStage.Reading => stage * ReadingShare,
                ImportStage.Storing => ReadingShare + stage * (1 - ReadingShare),
                _ => stage,
            };
        }
    }
}

/// <summary>A file that cannot be imported at all (not CSV, no usable header, trades or prices); nothing was stored, and its ledger line says why.</summary>
public sealed class ImportFailedException(string message, ImportRecord record) : Common.ValidationFailedException(message)
{
    public ImportRecord Record { get; } = record;
}
