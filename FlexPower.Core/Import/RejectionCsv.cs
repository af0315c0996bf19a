using FlexPower.Core.Common;

namespace FlexPower.Core.Import;

/// <summary>An import's rejected rows as CSV (line, reason, raw text), for review in a spreadsheet.</summary>
public static class RejectionCsv
{
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<ImportRejection> rejections, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvExport.Create(output);
        csv.WriteHeader(new[] { "line", "reason", "raw" }.AsSpan());
        await foreach (var r in rejections.WithCancellation(cancellationToken))
        {
            csv.WriteField(r.Line, default);
            csv.WriteField(r.Reason);
            csv.WriteField(r.Raw);
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
