namespace FlexPower.Core.Audit;

/// <summary>
/// One change a person made: who, when, from which address, what, and the values before and after (JSON, never a
/// password or a token secret). Written in the change's own transaction; the table refuses updates and deletes.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; init; }
    public required string UserName { get; init; }
    public string? Address { get; init; }
    public required string Kind { get; init; }
    public required string Subject { get; init; }
    public string? Before { get; init; }
    public string? After { get; init; }
}
