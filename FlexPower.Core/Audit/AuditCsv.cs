using FlexPower.Core.Common;

namespace FlexPower.Core.Audit;

/// <summary>The audit trail as CSV (the Audit page's export): one line per entry, before and after as their JSON.</summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Columns = ["id", "at_utc", "user", "address", "kind", "subject", "before", "after"];

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var csv = CsvExport.Create(output);
        csv.WriteHeader(Columns.ToArray().AsSpan());
        await foreach (var e in entries.WithCancellation(cancellationToken))
        {
            csv.WriteField(e.Id, default);
            csv.WriteField(DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            csv.WriteField(e.UserName);
            csv.WriteField(e.Address ?? "");
            csv.WriteField(e.Kind);
            csv.WriteField(e.Subject);
            csv.WriteField(e.Before ?? "");
            csv.WriteField(e.After ?? "");
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
