using FlexPower.Core.Cluster;
using Microsoft.Data.Sqlite;

namespace FlexPower.Core.Data.Sqlite;

/// <summary>
/// On SQLite one process owns the database; should a second one be started on the same file, an exclusive lock on
/// <c>&lt;db&gt;.leader</c> keeps it from scanning the inbox too. The operating system releases the lock when the
/// holder exits, however it exits.
/// </summary>
internal sealed class SqliteLeaderLease(string connectionString) : ILeaderLease
{
    private readonly string path = new SqliteConnectionStringBuilder(connectionString).DataSource + ".leader";

    public Task<IHeldLease?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return Task.FromResult<IHeldLease?>(new Held(file));
        }
        catch (IOException)
        {
            return Task.FromResult<IHeldLease?>(null); // another process holds it
        }
    }

    private sealed class Held(FileStream file) : IHeldLease
    {
        public Task<bool> IsHeldAsync(CancellationToken cancellationToken) => Task.FromResult(true);

        public ValueTask DisposeAsync() => file.DisposeAsync();
    }
}
