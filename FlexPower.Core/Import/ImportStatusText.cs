namespace FlexPower.Core.Import;

/// <summary>How an import's status and source are spelled to users and API clients.</summary>
public static class ImportStatusText
{
    public static string Of(ImportStatus status) => status switch
    {
        ImportStatus.Imported => "imported",
        ImportStatus.AlreadyImported => "already_imported",
        ImportStatus.Incomplete => "incomplete",
        _ => "failed",
    };

    /// <summary>For people: "already imported".</summary>
    public static string Readable(ImportStatus status) => Of(status).Replace('_', ' ');

    public static string Of(ImportSource source) => source.ToString().ToLowerInvariant();

    /// <summary>"trades" or "prices".</summary>
    public static string Of(ImportKind kind) => kind.ToString().ToLowerInvariant();
}
