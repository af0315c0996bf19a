namespace FlexPower.Core.Data;

/// <summary>The <c>Database</c> configuration section (the connection itself is <c>ConnectionStrings:FlexPower</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>
    /// Start with a new, empty database although the marker beside the configured file shows one existed there before.
    /// Off by default: a missing database file means data is missing, and FlexPower refuses to start silently empty.
    /// </summary>
    public bool RecreateMissing { get; set; }
}
