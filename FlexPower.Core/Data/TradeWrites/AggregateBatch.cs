using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using FlexPower.Core.Common;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Data.TradeWrites;

/// <summary>
/// Sums of newly stored trades per trader, Berlin delivery day and period, collected in memory while the trades are
/// stored; each provider writes them to <c>trade_quarters</c> and <c>trade_days</c> with one upsert per key in the
/// transaction that stored the trades, so aggregates and trades never disagree. A trade spreads over its period's whole
/// clock hours (a row of four quarters each) and its other quarter-hours (a row each; a block across midnight over two
/// days); its count goes to the row its period starts in.
/// </summary>
public sealed class AggregateBatch
{
    // A year of hourly trades touches ~440k trader-hours, ~1.8M trader-quarters: a row per whole hour keeps the rows
    // written, and so the import's time, a quarter of what a row per quarter cost (measured). Each entry is a packed long
    // key (trader number, day, first quarter, whole hour or not) whose sums are a struct updated in place; trader ids
    // are numbered in the order they are first seen and kept once.
    private readonly Dictionary<string, int> traderNumbers = new(StringComparer.Ordinal);
    private readonly List<string> traders = [];
    private readonly Dictionary<long, AggregateSums> periods = [];

    // The Berlin day of the last trade: files hold runs of one day, so a trade's day is found without a time-zone lookup.
    private DateOnly day;
    private DateTime dayStartUtc = DateTime.MaxValue, dayEndUtc = DateTime.MinValue;
    private int dayQuarters;

    public bool IsEmpty => periods.Count == 0;

    /// <summary>The trader ids, by the number <see cref="AggregatePeriod.Trader"/> gives.</summary>
    public IReadOnlyList<string> Traders => traders;

    /// <summary>What the batch changes, for the live-refresh notice.</summary>
    public TradesChanged Changes => new(
        periods.Keys.Select(k => traders[TraderOf(k)]).ToHashSet(StringComparer.Ordinal),
        periods.Keys.Select(DayOf).ToHashSet());

    /// <summary>Adds a newly stored trade to its trader's periods (only its period, quantity, price and direction are read).</summary>
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
            var quarters = quarter % QuartersPerHour == 0 && left >= QuartersPerHour ? QuartersPerHour : 1;
            CollectionsMarshal.GetValueRefOrAddDefault(periods, Key(trader, day, quarter, quarters), out _).Add(direction, count, kwh * quarters, millicents * quarters);
            (quarter, left) = (quarter + quarters, left - quarters);
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
    public void Clear() => periods.Clear();

    /// <summary>
    /// The period sums in primary-key order (trader ids compared ordinally), so an index grows at its edge instead of
    /// being written all over; each with the legacy delivery hour it lies in.
    /// </summary>
    public SortedPeriods Periods()
    {
        var order = new TraderOrder(traders);
        return new SortedPeriods(order, Sorted(periods, order));
    }

    /// <summary>The daily sums, in the same order as <see cref="Periods"/> (<see cref="AggregatePeriod.Quarter"/> and <see cref="AggregatePeriod.Quarters"/> 0, no delivery hour).</summary>
    public List<AggregatePeriod> Days()
    {
        var days = new Dictionary<long, AggregateSums>();
        foreach (var (key, sums) in periods) CollectionsMarshal.GetValueRefOrAddDefault(days, key & ~PeriodBits, out _).Add(sums);
        var order = new TraderOrder(traders);
        var (keys, values) = Sorted(days, order);
        return [.. keys.Select((key, i) => new AggregatePeriod(order.TraderOf(key), DayOf(key), 0, 0, null, values[i]))];
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

    /// <summary>The periods of a batch in key order, each spelled out as a row only while it is enumerated.</summary>
    public sealed class SortedPeriods : IReadOnlyCollection<AggregatePeriod>
    {
        private readonly TraderOrder order;
        private readonly (long[] Keys, AggregateSums[] Sums) periods;

        internal SortedPeriods(TraderOrder order, (long[] Keys, AggregateSums[] Sums) periods) => (this.order, this.periods) = (order, periods);

        public int Count => periods.Keys.Length;

        public IEnumerator<AggregatePeriod> GetEnumerator()
        {
            var (dayCount, countedDay) = (0, DateOnly.MinValue);
            for (var i = 0; i < periods.Keys.Length; i++)
            {
                var key = periods.Keys[i];
                var (entryDay, quarter) = (DayOf(key), QuarterOf(key));
                if (entryDay != countedDay) (countedDay, dayCount) = (entryDay, BerlinQuarters.CountOf(entryDay));
                yield return new AggregatePeriod(order.TraderOf(key), entryDay, quarter, QuartersOf(key), BerlinQuarters.DeliveryHourOf(dayCount, quarter), periods.Sums[i]);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    // Key bits: trader number (32), day number (22, enough for year 9999), first quarter (7: 0–99), whole hour (1), so
    // that keys sort as the primary key (trader, day, first quarter, quarters 1 before 4).
    private const long PeriodBits = 255;
    private static long Key(int trader, DateOnly day, int quarter, int quarters) =>
        ((long)trader << 32) | ((long)day.DayNumber << 8) | ((uint)quarter << 1) | (quarters == QuartersPerHour ? 1u : 0u);
    private static int TraderOf(long key) => (int)(key >> 32);
    private static DateOnly DayOf(long key) => DateOnly.FromDayNumber((int)((key & uint.MaxValue) >> 8));
    private static int QuarterOf(long key) => (int)((key & PeriodBits) >> 1);
    private static int QuartersOf(long key) => (key & 1) == 1 ? QuartersPerHour : 1;
}

/// <summary>
/// The sums of one trader's trades in one delivery period of a day — <see cref="Quarters"/> quarter-hours (1, or 4: a
/// whole clock hour) from <see cref="Quarter"/> — or in the whole day (<see cref="Quarters"/> 0); the trader by its number in the batch.
/// </summary>
public record struct AggregatePeriod(int Trader, DateOnly Day, int Quarter, int Quarters, int? DeliveryHour, AggregateSums Sums)
{
    public readonly PeriodSums Period() => new(Quarter, Quarters, Sums.Count, Sums.BuyKwh, Sums.SellKwh, Sums.BuyMillicents, Sums.SellMillicents);
}

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

    public void Add(in AggregateSums other) =>
        (Count, BuyKwh, SellKwh, BuyMillicents, SellMillicents) =
        (Count + other.Count, BuyKwh + other.BuyKwh, SellKwh + other.SellKwh, BuyMillicents + other.BuyMillicents, SellMillicents + other.SellMillicents);
}
