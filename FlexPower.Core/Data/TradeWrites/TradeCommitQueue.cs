using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Telemetry;
using FlexPower.Core.Trades;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// Group commit for single trades (the API, pages): the trades waiting at the same moment are stored in one transaction,
/// so fifty concurrent writers cost one commit instead of fifty. A request completes only after its transaction committed,
/// so a 200 still means stored; a group that fails stores nothing and every request in it hears why.
/// </summary>
public sealed class TradeCommitQueue : IAsyncDisposable
{
    private const int MaxGroup = 500;

    private readonly ITradeWriter writer;
    private readonly ChangeNotifier notifier;
    private readonly DatabaseOutage outage;
    private readonly ILogger<TradeCommitQueue> logger;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;

    public TradeCommitQueue(ITradeWriter writer, ChangeNotifier notifier, DatabaseOutage outage, ILogger<TradeCommitQueue> logger)
    {
        (this.writer, this.notifier, this.outage, this.logger) = (writer, notifier, outage, logger);
        loop = Task.Run(RunAsync);
    }

    /// <summary>Stores a checked trade with the next group. Cancelling stops the wait, not the store (a retry of the same trade is safe).</summary>
    public Task<AddTradeOutcome> StoreAsync(Trade trade, Caller caller, CancellationToken cancellationToken)
    {
        var pending = new Pending(trade, caller);
        if (!queue.Writer.TryWrite(pending)) throw new DatabaseUnavailableException("FlexPower is shutting down: nothing was stored. Send the trade again in a moment.");
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        Activity.Current = null; // the loop outlives the request that happened to start it: each group is a span of its own
        var group = new List<Pending>(MaxGroup);
        while (await queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroup && queue.Reader.TryRead(out var next)) group.Add(next);
            await StoreGroupAsync(group);
        }
    }

    private async Task StoreGroupAsync(List<Pending> group)
    {
        var outcomes = new AddTradeOutcome?[group.Count];
        var conflicts = new string?[group.Count];
        using var activity = StartGroup(group);
        try
        {
            var rows = new RowOutcomes((line, _, reason) => conflicts[line] = reason, line => outcomes[line] = AddTradeOutcome.Inserted, line => outcomes[line] = AddTradeOutcome.AlreadyStored);
            await using var write = await writer.BeginAsync(TradeBatch.Requests, rows, CancellationToken.None);
            for (var line = 0; line < group.Count; line++) write.Store(group[line].Checked(line), group[line].Caller);
            var stored = await write.CompleteAsync(CancellationToken.None);
            await write.CommitAsync(CancellationToken.None);
            outage.Stored();
            for (var line = 0; line < group.Count; line++)
            {
                if (conflicts[line] is { } conflict) group[line].Done.SetException(new ConflictException(char.ToUpperInvariant(conflict[0]) + conflict[1..] + "."));
                else group[line].Done.SetResult(outcomes[line]!.Value);
            }
            if (stored.Inserted > 0) notifier.Publish(stored.Changes);
            Metrics.TradesStored.Add(stored.Inserted, new KeyValuePair<string, object?>(Tags.Source, "request"));
            activity?.SetTag(Tags.RowsStored, stored.Inserted).SetTag(Tags.RowsDuplicate, stored.Duplicates).Succeeded();
        }
        catch (Exception e)
        {
            activity.Failed(e);
            // A database that cannot take the write now (busy past the wait, its disk full, its file gone) is every
            // caller's 503, logged once per episode.
            var failure = outage.Refusal(e) ?? (Exception)e;
            if (failure is not FlexPowerException) logger.LogError(e, "Storing a group of {Count} trades failed; none of them was stored", group.Count);
            foreach (var pending in group) pending.Done.TrySetException(failure);
        }
    }

    /// <summary>The group's span, linked to the span of every request in it (a group serves many requests, so it is no one's child).</summary>
    private static Activity? StartGroup(List<Pending> group)
    {
        if (!FlexPowerTelemetry.Source.HasListeners()) return null;
        var links = group.Where(p => p.Requester != default).Select(p => new ActivityLink(p.Requester));
        return FlexPowerTelemetry.Source.StartActivity("flexpower.trades.commit", ActivityKind.Internal, default(ActivityContext), links: links)
            ?.SetTag(Tags.Trades, group.Count);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private sealed class Pending(Trade trade, Caller caller)
    {
        private readonly byte[] id = Encoding.UTF8.GetBytes(trade.Id), traderId = Encoding.UTF8.GetBytes(trade.TraderId),
            product = trade.Product is null ? [] : Encoding.UTF8.GetBytes(trade.Product);

        public Caller Caller { get; } = caller;
        public ActivityContext Requester { get; } = Activity.Current?.Context ?? default;
        public TaskCompletionSource<AddTradeOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CheckedTrade Checked(int line) => CheckedTrade.Of(line, default, trade, id, traderId, product);
    }
}
