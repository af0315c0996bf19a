using CsvHelper;

namespace FlexPower.Core.Common;

/// <summary>How every CSV the app writes is written (trade, report and rejected-row exports).</summary>
public static class CsvExport
{
    /// <summary>
    /// LF line ends like the exchange's own files, and formula cells neutralised (OWASP: a text cell starting with
    /// = + - @, tab or CR gets a leading '), while numbers are written as numbers, so -12.50 stays a number.
    /// </summary>
    public static CsvWriterOptions Options { get; } = new() { Separator = ',', NewLine = "\n", Injection = CsvInjection.Escape };

    public static CsvWriter Create(Stream output) => CsvWriter.Create(output, Options, leaveOpen: true);
}
