using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// Sums of newly stored trades per trader, delivery day and hour, collected in memory while the trades are stored; each
/// provider writes them to <c>trade_hours</c> and <c>trade_days</c> with one upsert per key in the transaction that stored
/// the trades, so aggregates and trades never disagree.
/// </summary>
public sealed class AggregateBatch
{
    // A year-long file touches ~440k trader-hours. Each is a packed long key (trader number, day, hour) whose sums are
    // a struct updated in place; trader ids are numbered in the order they are first seen and kept once.
    private readonly Dictionary<string, int> traderNumbers = new(StringComparer.Ordinal);
    private readonly List<string> traders = [];
    private readonly Dictionary<long, AggregateSums> hours = [];

    public bool IsEmpty => hours.Count == 0;

    /// <summary>The trader ids, by the number <see cref="AggregateHour.Trader"/> gives.</summary>
    public IReadOnlyList<string> Traders => traders;

    /// <summary>What the batch changes, for the live-refresh notice.</summary>
    public TradesChanged Changes => new(
        hours.Keys.Select(k => traders[TraderOf(k)]).ToHashSet(StringComparer.Ordinal),
        hours.Keys.Select(DayOf).ToHashSet());

    /// <summary>Adds a newly stored trade to its trader's hour.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in CheckedTrade trade)
    {
        Span<char> traderId = stackalloc char[trade.TraderId.Length];
        traderId = traderId[..Encoding.UTF8.GetChars(trade.TraderId, traderId)];
        Add(traderId, trade.DeliveryDay, trade.DeliveryHour, trade.Direction, trade.Quantity, trade.Price);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(ReadOnlySpan<char> traderId, DateOnly day, int hour, TradeDirection direction, int quantity, long price)
    {
        if (!traderNumbers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(traderId, out var trader))
        {
            trader = traders.Count;
            traders.Add(traderId.ToString());
            traderNumbers.Add(traders[trader], trader);
        }
        CollectionsMarshal.GetValueRefOrAddDefault(hours, Key(trader, day, hour), out _).Add(direction, quantity, price);
    }

    /// <summary>Forgets the sums (their trades were not stored after all); trader numbers are kept.</summary>
    public void Clear() => hours.Clear();

    /// <summary>
    /// The hourly sums in primary-key order (trader ids compared ordinally), so an index grows at its edge instead of
    /// being written all over.
    /// </summary>
    public AggregateHour[] Hours()
    {
        var rank = new long[traders.Count];
        var ordinal = 0;
        foreach (var trader in Enumerable.Range(0, traders.Count).OrderBy(n => traders[n], StringComparer.Ordinal)) rank[trader] = ordinal++;
        var entries = new AggregateHour[hours.Count];
        var keys = new long[hours.Count];
        var next = 0;
        foreach (var (key, sums) in hours)
        {
            entries[next] = new AggregateHour(TraderOf(key), DayOf(key), HourOf(key), sums);
            keys[next++] = (rank[TraderOf(key)] << 32) | (key & uint.MaxValue);
        }
        Array.Sort(keys, entries);
        return entries;
    }

    /// <summary>The daily sums of <paramref name="hours"/> (as <see cref="Hours"/> returns them), in the same order.</summary>
    public static List<AggregateHour> Days(AggregateHour[] hours)
    {
        var days = new List<AggregateHour>();
        foreach (var hour in hours)
        {
            if (days.Count == 0 || days[^1].Trader != hour.Trader || days[^1].Day != hour.Day)
            {
                days.Add(hour with { Hour = 0 });
                continue;
            }
            var sums = days[^1].Sums;
            sums.Add(hour.Sums);
            days[^1] = days[^1] with { Sums = sums };
        }
        return days;
    }

    // Key bits: trader number (32), day number (22, enough for year 9999), hour (5).
    private static long Key(int trader, DateOnly day, int hour) => ((long)trader << 32) | ((long)day.DayNumber << 5) | (uint)hour;
    private static int TraderOf(long key) => (int)(key >> 32);
    private static DateOnly DayOf(long key) => DateOnly.FromDayNumber((int)((key & uint.MaxValue) >> 5));
    private static int HourOf(long key) => (int)(key & 31);
}

/// <summary>The sums of one trader's trades in one delivery hour (or day, with <see cref="Hour"/> 0); the trader by its number in the batch.</summary>
public record struct AggregateHour(int Trader, DateOnly Day, int Hour, AggregateSums Sums);

/// <summary>Trade count, bought and sold MW, and Σ quantity × price per direction (eurocent).</summary>
public struct AggregateSums
{
    public int Count { get; private set; }
    public long BuyMw { get; private set; }
    public long SellMw { get; private set; }
    public long BuyCents { get; private set; }
    public long SellCents { get; private set; }

    public void Add(TradeDirection direction, int quantity, long price)
    {
        Count++;
        if (direction == TradeDirection.Buy) { BuyMw += quantity; BuyCents += quantity * price; }
        else { SellMw += quantity; SellCents += quantity * price; }
    }

    public void Add(in AggregateSums other) =>
        (Count, BuyMw, SellMw, BuyCents, SellCents) = (Count + other.Count, BuyMw + other.BuyMw, SellMw + other.SellMw, BuyCents + other.BuyCents, SellCents + other.SellCents);
}
