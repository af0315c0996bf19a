using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// Stores checked trades in PostgreSQL by binary COPY (see <see cref="PostgresTradeWrite"/>). PostgreSQL locks only the
/// rows written, so an open write keeps no other writer waiting and a file is stored while it is read.
/// </summary>
public sealed class PostgresTradeWriter(NpgsqlDataSource dataSource, IOptions<ReportOptions> reports, ILogger<PostgresTradeWriter> logger) : ITradeWriter
{
    public bool BlocksOtherWriters => false;

    public async Task<ITradeWrite> BeginAsync(TradeBatch batch, RowOutcomes outcomes, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return new PostgresTradeWrite(connection, await connection.BeginTransactionAsync(cancellationToken), batch, outcomes, batch.MarkedSeries(reports.Value), logger);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
