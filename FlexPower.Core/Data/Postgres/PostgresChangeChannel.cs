using System.Collections.Concurrent;
using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FlexPower.Core.Data.Postgres;

/// <summary>
/// Publishes changes to the other instances with <c>pg_notify</c>, after the publisher's commit, never in its way.
/// Disposing waits for the sends still under way, so a short-lived command (an import from the terminal) is heard.
/// </summary>
internal sealed class PostgresChangeBroadcast(NpgsqlDataSource dataSource, ILogger<PostgresChangeBroadcast> logger) : IChangeBroadcast, IAsyncDisposable
{
    public const string Channel = "flexpower_changes";
    private readonly ConcurrentDictionary<Task, byte> sending = new();

    public void Send(Guid origin, Change change)
    {
        var task = SendAsync(origin, change);
        sending.TryAdd(task, 0);
        task.ContinueWith(done => sending.TryRemove(done, out _), TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync() => await Task.WhenAll(sending.Keys).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private async Task SendAsync(Guid origin, Change change)
    {
        try
        {
            await Task.Yield();
            await using var batch = dataSource.CreateBatch();
            foreach (var message in ChangeMessages.Encode(origin, change))
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)") { Parameters = { new() { Value = Channel }, new() { Value = message } } });
            if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning("Other instances were not told about a {Change}: {Reason}. Their open pages refresh at the next change.", change.GetType().Name, e.Message);
        }
    }
}

/// <summary>
/// Listens for the other instances' changes on a session of its own and hands them to this instance's
/// <see cref="ChangeNotifier"/>; reconnects after a broken connection.
/// </summary>
internal sealed class PostgresChangeListener(PostgresConnection connection, ChangeNotifier notifier, TimeProvider clock, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var session = new NpgsqlConnection(connection.Dedicated);
                session.Notification += (_, e) =>
                {
                    if (ChangeMessages.Decode(e.Payload) is var (origin, change)) notifier.Receive(origin, change);
                };
                await session.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChangeBroadcast.Channel}", session))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                logger.LogInformation("Listening for changes made through other instances");
                while (true) await session.WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Lost the change feed from other instances ({Reason}); reconnecting", e.Message);
                await Task.Delay(Reconnect, clock, stoppingToken);
            }
        }
    }
}
