using System.Collections.Concurrent;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// Sums a write's inserted trades into an <see cref="AggregateBatch"/> on a thread of its own once they fill a chunk, so the
/// writer's thread only copies each trade's trader, period, quantity, price and direction: summing them inline was ~0.35 s of
/// the 1M-row import's single-threaded store, with the other core idle (measured). A write of fewer trades than a chunk
/// (a group of single trades) is summed on the caller's thread when it completes, and starts no thread.
/// </summary>
internal sealed class BackgroundSums : IDisposable
{
    private const int ChunkSize = 4096;
    private readonly AggregateBatch batch = new();
    private readonly BlockingCollection<Chunk> full = new(boundedCapacity: 32);
    private readonly ConcurrentBag<Chunk> free = [];
    private Chunk current = new();
    private Task? summing;

    public void Add(in CheckedTrade trade)
    {
        current.Add(trade);
        if (!current.IsFull) return;
        summing ??= Task.Factory.StartNew(SumChunks, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        full.Add(current);
        current = free.TryTake(out var chunk) ? chunk : new Chunk();
    }

    /// <summary>The sums of every trade added.</summary>
    public AggregateBatch Complete()
    {
        full.CompleteAdding();
        summing?.GetAwaiter().GetResult();
        current.AddTo(batch);
        return batch;
    }

    private void SumChunks()
    {
        foreach (var chunk in full.GetConsumingEnumerable())
        {
            chunk.AddTo(batch);
            free.Add(chunk);
        }
    }

    public void Dispose()
    {
        if (!full.IsAddingCompleted) full.CompleteAdding();
        try
        {
            summing?.Wait();
        }
        catch (AggregateException)
        {
            // a write that failed is rolled back, and its sums with it
        }
        full.Dispose();
    }

    /// <summary>Trades as the sums need them, their trader ids side by side in one buffer.</summary>
    private sealed class Chunk
    {
        private readonly Entry[] entries = new Entry[ChunkSize];
        private byte[] traders = new byte[ChunkSize * 16];
        private int count, traderBytes;

        public bool IsFull => count == ChunkSize;

        public void Add(in CheckedTrade trade)
        {
            if (traderBytes + trade.TraderId.Length > traders.Length) Array.Resize(ref traders, Math.Max(traders.Length * 2, traderBytes + trade.TraderId.Length));
            trade.TraderId.CopyTo(traders.AsSpan(traderBytes));
            entries[count++] = new Entry(traderBytes, trade.TraderId.Length, trade.DeliveryStartUtc, trade.DeliveryEndUtc, trade.QuantityTenths, trade.Price, trade.Direction);
            traderBytes += trade.TraderId.Length;
        }

        public void AddTo(AggregateBatch batch)
        {
            foreach (var e in entries.AsSpan(0, count))
                batch.Add(new CheckedTrade
                {
                    TraderId = traders.AsSpan(e.TraderAt, e.TraderLength), DeliveryStartUtc = e.StartUtc, DeliveryEndUtc = e.EndUtc,
                    QuantityTenths = e.QuantityTenths, Price = e.Price, Direction = e.Direction,
                });
            (count, traderBytes) = (0, 0);
        }

        private readonly record struct Entry(int TraderAt, int TraderLength, DateTime StartUtc, DateTime EndUtc, long QuantityTenths, long Price, Trades.TradeDirection Direction);
    }
}
