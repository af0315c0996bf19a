namespace FlexPower.Core.Import;

/// <summary>What to import and on whose behalf. <paramref name="Force"/> re-runs content the ledger already has (it then only finds duplicates).</summary>
public sealed record ImportRequest(string FileName, ImportSource Source, Accounts.Caller Caller, bool Force = false);

public sealed record RejectedRow(int Line, string Reason);

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

/// <summary>Progress while a file is processed: rows so far and how far into the file (bytes).</summary>
public readonly record struct ImportProgress(int Rows, long BytesRead, long TotalBytes)
{
    public double Fraction => TotalBytes == 0 ? 1 : Math.Min(1, (double)BytesRead / TotalBytes);
}

/// <summary>A file that cannot be imported at all (not CSV, no usable header); nothing was stored.</summary>
public sealed class ImportFailedException(string message, ImportResult result) : Common.ValidationFailedException(message)
{
    public ImportResult Result { get; } = result;
}
