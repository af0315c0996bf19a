using FlexPower.Core.Common;

namespace FlexPower.Core.Import;

/// <summary>A line was added to the import ledger (any status, by any route).</summary>
public sealed record ImportRecorded(long ImportId, string FileName, ImportStatus Status, string UserName) : Change
{
    public static ImportRecorded Of(ImportRecord record) => new(record.Id, record.FileName, record.Status, record.UserName);
}
