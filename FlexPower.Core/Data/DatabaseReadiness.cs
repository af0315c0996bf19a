namespace FlexPower.Core.Data;

/// <summary>
/// When the database may be used. A web host prepares it before it serves anything, so it always is by then; a command-line
/// import starts preparing it and reads its file meanwhile, and only the import's first use of the database waits here
/// (EF Core's start-up and the migration check are ~1 s of a fresh process, measured).
/// </summary>
public sealed class DatabaseReadiness
{
    private Task preparing = Task.CompletedTask;

    /// <summary>Completes when the preparation under way (if any) has; faults with its failure.</summary>
    public Task WhenReady => Volatile.Read(ref preparing);

    internal void Preparing(Task preparation) => Volatile.Write(ref preparing, preparation);
}
