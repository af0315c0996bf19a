using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FlexPower.Core.Data;

/// <summary>
/// A connection to the database without EF, for either provider: for the statements a fresh process runs before its own
/// work (is every migration applied, was this file imported before), where EF's first query costs its model and query
/// compilation (~0.3–0.8 s of a command-line import, measured).
/// </summary>
public sealed class PlainConnections(DatabaseIdentity identity, IServiceProvider services)
{
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => identity.Provider == DatabaseProvider.Postgres
        ? await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken)
        : await services.GetRequiredService<FlexPowerDatabase>().OpenAsync(cancellationToken);
}
