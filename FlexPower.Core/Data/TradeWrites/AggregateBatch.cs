using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// Sums of newly stored trades per trader, Berlin delivery day and quarter-hour, collected in memory while the trades are
/// stored; each provider writes them to <c>trade_quarters</c> and <c>trade_days</c> with one upsert per key in the
/// transaction that stored the trades, so aggregates and trades never disagree. A trade spreads over the quarters of its
/// period (a block across midnight over two days); its count goes to the quarter its period starts in.
/// </summary>
public sealed class AggregateBatch
{
    // A year of hourly trades touches ~440k trader-hours, ~1.8M trader-quarters. The whole clock hours of a period are
    // summed per hour (its four quarters get the same kWh and millicents; the count belongs to the first) and the rest per
    // quarter, and the quarters are only spelled out while they are written: a quarter per entry took 2.4 times the
    // memory of the whole import (measured). Each entry is a packed long key (trader number, day, first quarter) whose sums
    // are a struct updated in place; trader ids are numbered in the order they are first seen and kept once.
    private readonly Dictionary<string, int> traderNumbers = new(StringComparer.Ordinal);
    private readonly List<string> traders = [];
    private readonly Dictionary<long, AggregateSums> hours = [];
    private readonly Dictionary<long, AggregateSums> quarters = [];

    // The Berlin day of the last trade: files hold runs of one day, so a trade's day is found without a time-zone lookup.
    private DateOnly day;
    private DateTime dayStartUtc = DateTime.MaxValue, dayEndUtc = DateTime.MinValue;
    private int dayQuarters;

    public bool IsEmpty => hours.Count == 0 && quarters.Count == 0;

    /// <summary>The trader ids, by the number <see cref="AggregateQuarter.Trader"/> gives.</summary>
    public IReadOnlyList<string> Traders => traders;

    /// <summary>What the batch changes, for the live-refresh notice.</summary>
    public TradesChanged Changes => new(
        hours.Keys.Concat(quarters.Keys).Select(k => traders[TraderOf(k)]).ToHashSet(StringComparer.Ordinal),
        hours.Keys.Concat(quarters.Keys).Select(DayOf).ToHashSet());

    /// <summary>Adds a newly stored trade to its trader's quarters (only its period, quantity, price and direction are read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in CheckedTrade trade)
    {
        Span<char> traderId = stackalloc char[trade.TraderId.Length];
        traderId = traderId[..Encoding.UTF8.GetChars(trade.TraderId, traderId)];
        Add(traderId, trade.DeliveryStartUtc, trade.DeliveryEndUtc, trade.QuantityTenths, trade.Price, trade.Direction);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> traderId, DateTime startUtc, DateTime endUtc, long quantityTenths, long price, TradeDirection direction)
    {
        if (!traderNumbers.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(traderId, out var trader))
        {
            trader = traders.Count;
            traders.Add(traderId.ToString());
            traderNumbers.Add(traders[trader], trader);
        }
        if (startUtc < dayStartUtc || startUtc >= dayEndUtc) MoveTo(BerlinTime.DayOf(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc)));
        var quarter = (int)((startUtc - dayStartUtc).Ticks / BerlinQuarters.Length.Ticks);
        var left = (endUtc - startUtc).Ticks / BerlinQuarters.Length.Ticks;
        var kwh = quantityTenths * Position.KwhPerTenthQuarter;
        var millicents = kwh * price;
        for (var count = 1; left > 0; count = 0)
        {
            if (quarter == dayQuarters)
            {
                MoveTo(day.AddDays(1));
                quarter = 0;
            }
            // Berlin's offsets are whole hours, so a clock hour starts at every fourth quarter after local midnight.
            var wholeHour = quarter % QuartersPerHour == 0 && left >= QuartersPerHour;
            CollectionsMarshal.GetValueRefOrAddDefault(wholeHour ? hours : quarters, Key(trader, day, quarter), out _).Add(direction, count, kwh, millicents);
            var step = wholeHour ? QuartersPerHour : 1;
            (quarter, left) = (quarter + step, left - step);
        }
    }

    private const int QuartersPerHour = 4;

    private void MoveTo(DateOnly next)
    {
        day = next;
        dayStartUtc = BerlinQuarters.DayStartUtc(next);
        dayEndUtc = BerlinQuarters.DayStartUtc(next.AddDays(1));
        dayQuarters = (int)((dayEndUtc - dayStartUtc).Ticks / BerlinQuarters.Length.Ticks);
    }

    /// <summary>Forgets the sums (their trades were not stored after all); trader numbers are kept.</summary>
    public void Clear()
    {
        hours.Clear();
        quarters.Clear();
    }

    /// <summary>
    /// The quarter sums in primary-key order (trader ids compared ordinally), so an index grows at its edge instead of
    /// being written all over; each with the legacy delivery hour it lies in. Spelled out as they are enumerated.
    /// </summary>
    public SortedQuarters Quarters()
    {
        var order = new TraderOrder(traders);
        return new SortedQuarters(order, Sorted(hours, order), Sorted(quarters, order));
    }

    /// <summary>The daily sums, in the same order as <see cref="Quarters"/> (<see cref="AggregateQuarter.Quarter"/> 0, no delivery hour).</summary>
    public List<AggregateQuarter> Days()
    {
        var days = new Dictionary<long, AggregateSums>();
        foreach (var (key, sums) in hours) CollectionsMarshal.GetValueRefOrAddDefault(days, key & ~QuarterBits, out _).AddQuarters(sums, QuartersPerHour);
        foreach (var (key, sums) in quarters) CollectionsMarshal.GetValueRefOrAddDefault(days, key & ~QuarterBits, out _).Add(sums);
        var order = new TraderOrder(traders);
        var (keys, values) = Sorted(days, order);
        return [.. keys.Select((key, i) => new AggregateQuarter(order.TraderOf(key), DayOf(key), 0, null, values[i]))];
    }

    /// <summary>The entries sorted by their keys with the trader's number replaced by its rank (<see cref="TraderOrder"/>).</summary>
    private static (long[] Keys, AggregateSums[] Sums) Sorted(Dictionary<long, AggregateSums> entries, TraderOrder order)
    {
        var (keys, sums) = (new long[entries.Count], new AggregateSums[entries.Count]);
        var next = 0;
        foreach (var (key, value) in entries) (keys[next], sums[next++]) = (order.Ranked(key), value);
        Array.Sort(keys, sums);
        return (keys, sums);
    }

    /// <summary>Trader numbers by id in ordinal order, so that keys with the rank in the trader's place sort by primary key.</summary>
    internal sealed class TraderOrder
    {
        private readonly long[] rankOf;
        private readonly int[] traderOf;

        public TraderOrder(List<string> traders)
        {
            traderOf = [.. Enumerable.Range(0, traders.Count).OrderBy(n => traders[n], StringComparer.Ordinal)];
            rankOf = new long[traders.Count];
            for (var rank = 0; rank < traderOf.Length; rank++) rankOf[traderOf[rank]] = rank;
        }

        public long Ranked(long key) => (rankOf[AggregateBatch.TraderOf(key)] << 32) | (key & uint.MaxValue);

        public int TraderOf(long rankedKey) => traderOf[(int)(rankedKey >> 32)];
    }

    /// <summary>
    /// The quarters of a batch in key order: its whole hours (each four quarters, the count on the first) merged with its
    /// single quarters, a quarter in both summed.
    /// </summary>
    public sealed class SortedQuarters : IReadOnlyCollection<AggregateQuarter>
    {
        private readonly TraderOrder order;
        private readonly (long[] Keys, AggregateSums[] Sums) hours, quarters;

        internal SortedQuarters(TraderOrder order, (long[] Keys, AggregateSums[] Sums) hours, (long[] Keys, AggregateSums[] Sums) quarters)
        {
            (this.order, this.hours, this.quarters) = (order, hours, quarters);
            // A single quarter inside a whole hour is summed into that hour's quarter, not counted again.
            Count = hours.Keys.Length * QuartersPerHour + quarters.Keys.Count(key => Array.BinarySearch(hours.Keys, key & ~(QuartersPerHour - 1L)) < 0);
        }

        public int Count { get; }

        public IEnumerator<AggregateQuarter> GetEnumerator()
        {
            var (dayCount, countedDay) = (0, DateOnly.MinValue);
            var (h, q, sub) = (0, 0, 0);
            while (h < hours.Keys.Length || q < quarters.Keys.Length)
            {
                var hourKey = h < hours.Keys.Length ? hours.Keys[h] + sub : long.MaxValue;
                var quarterKey = q < quarters.Keys.Length ? quarters.Keys[q] : long.MaxValue;
                var key = Math.Min(hourKey, quarterKey);
                var sums = default(AggregateSums);
                if (hourKey == key)
                {
                    sums.Add(sub == 0 ? hours.Sums[h] : hours.Sums[h].WithoutCount());
                    if (++sub == QuartersPerHour) (h, sub) = (h + 1, 0);
                }
                if (quarterKey == key) sums.Add(quarters.Sums[q++]);
                var (entryDay, quarter) = (DayOf(key), QuarterOf(key));
                if (entryDay != countedDay) (countedDay, dayCount) = (entryDay, BerlinQuarters.CountOf(entryDay));
                yield return new AggregateQuarter(order.TraderOf(key), entryDay, quarter, BerlinQuarters.DeliveryHourOf(dayCount, quarter), sums);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    // Key bits: trader number (32), day number (22, enough for year 9999), quarter (7: 0–99).
    private const long QuarterBits = 127;
    private static long Key(int trader, DateOnly day, int quarter) => ((long)trader << 32) | ((long)day.DayNumber << 7) | (uint)quarter;
    private static int TraderOf(long key) => (int)(key >> 32);
    private static DateOnly DayOf(long key) => DateOnly.FromDayNumber((int)((key & uint.MaxValue) >> 7));
    private static int QuarterOf(long key) => (int)(key & QuarterBits);
}

/// <summary>The sums of one trader's trades in one delivery quarter-hour (or day, with <see cref="Quarter"/> 0); the trader by its number in the batch.</summary>
public record struct AggregateQuarter(int Trader, DateOnly Day, int Quarter, int? DeliveryHour, AggregateSums Sums);

/// <summary>Trade count, bought and sold kWh, and Σ price × kWh per direction (millicents).</summary>
public struct AggregateSums
{
    public int Count { get; private set; }
    public long BuyKwh { get; private set; }
    public long SellKwh { get; private set; }
    public long BuyMillicents { get; private set; }
    public long SellMillicents { get; private set; }

    public void Add(TradeDirection direction, int count, long kwh, long millicents)
    {
        Count += count;
        if (direction == TradeDirection.Buy) { BuyKwh += kwh; BuyMillicents += millicents; }
        else { SellKwh += kwh; SellMillicents += millicents; }
    }

    /// <summary>Adds the sums that each of <paramref name="count"/> quarters holds, their trade count once (it belongs to the first).</summary>
    public void AddQuarters(in AggregateSums each, int count) =>
        (Count, BuyKwh, SellKwh, BuyMillicents, SellMillicents) =
        (Count + each.Count, BuyKwh + each.BuyKwh * count, SellKwh + each.SellKwh * count, BuyMillicents + each.BuyMillicents * count, SellMillicents + each.SellMillicents * count);

    public readonly AggregateSums WithoutCount() => this with { Count = 0 };

    public void Add(in AggregateSums other) =>
        (Count, BuyKwh, SellKwh, BuyMillicents, SellMillicents) =
        (Count + other.Count, BuyKwh + other.BuyKwh, SellKwh + other.SellKwh, BuyMillicents + other.BuyMillicents, SellMillicents + other.SellMillicents);
}
