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
    // A year-long file touches ~440k trader-hours, ~1.8M trader-quarters. Each is a packed long key (trader number, day,
    // quarter) whose sums are a struct updated in place; trader ids are numbered in the order they are first seen and kept once.
    private readonly Dictionary<string, int> traderNumbers = new(StringComparer.Ordinal);
    private readonly List<string> traders = [];
    private readonly Dictionary<long, AggregateSums> quarters = [];

    // The Berlin day of the last trade: files hold runs of one day, so a trade's day is found without a time-zone lookup.
    private DateOnly day;
    private DateTime dayStartUtc = DateTime.MaxValue, dayEndUtc = DateTime.MinValue;
    private int dayQuarters;

    public bool IsEmpty => quarters.Count == 0;

    /// <summary>The trader ids, by the number <see cref="AggregateQuarter.Trader"/> gives.</summary>
    public IReadOnlyList<string> Traders => traders;

    /// <summary>What the batch changes, for the live-refresh notice.</summary>
    public TradesChanged Changes => new(
        quarters.Keys.Select(k => traders[TraderOf(k)]).ToHashSet(StringComparer.Ordinal),
        quarters.Keys.Select(DayOf).ToHashSet());

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
        var count = (endUtc - startUtc).Ticks / BerlinQuarters.Length.Ticks;
        var kwh = quantityTenths * Position.KwhPerTenthQuarter;
        var millicents = kwh * price;
        for (var i = 0; i < count; i++, quarter++)
        {
            if (quarter == dayQuarters)
            {
                MoveTo(day.AddDays(1));
                quarter = 0;
            }
            CollectionsMarshal.GetValueRefOrAddDefault(quarters, Key(trader, day, quarter), out _).Add(direction, i == 0 ? 1 : 0, kwh, millicents);
        }
    }

    private void MoveTo(DateOnly next)
    {
        day = next;
        dayStartUtc = BerlinQuarters.DayStartUtc(next);
        dayEndUtc = BerlinQuarters.DayStartUtc(next.AddDays(1));
        dayQuarters = (int)((dayEndUtc - dayStartUtc).Ticks / BerlinQuarters.Length.Ticks);
    }

    /// <summary>Forgets the sums (their trades were not stored after all); trader numbers are kept.</summary>
    public void Clear() => quarters.Clear();

    /// <summary>
    /// The quarter sums in primary-key order (trader ids compared ordinally), so an index grows at its edge instead of
    /// being written all over; each with the legacy delivery hour it lies in.
    /// </summary>
    public AggregateQuarter[] Quarters()
    {
        var rank = new long[traders.Count];
        var ordinal = 0;
        foreach (var trader in Enumerable.Range(0, traders.Count).OrderBy(n => traders[n], StringComparer.Ordinal)) rank[trader] = ordinal++;
        var entries = new AggregateQuarter[quarters.Count];
        var keys = new long[quarters.Count];
        var counts = new Dictionary<DateOnly, int>();
        var next = 0;
        foreach (var (key, sums) in quarters)
        {
            var (entryDay, quarter) = (DayOf(key), QuarterOf(key));
            if (!counts.TryGetValue(entryDay, out var dayCount)) counts[entryDay] = dayCount = BerlinQuarters.CountOf(entryDay);
            entries[next] = new AggregateQuarter(TraderOf(key), entryDay, quarter, BerlinQuarters.DeliveryHourOf(dayCount, quarter), sums);
            keys[next++] = (rank[TraderOf(key)] << 32) | (key & uint.MaxValue);
        }
        Array.Sort(keys, entries);
        return entries;
    }

    /// <summary>The daily sums of <paramref name="quarters"/> (as <see cref="Quarters"/> returns them), in the same order.</summary>
    public static List<AggregateQuarter> Days(AggregateQuarter[] quarters)
    {
        var days = new List<AggregateQuarter>();
        foreach (var quarter in quarters)
        {
            if (days.Count == 0 || days[^1].Trader != quarter.Trader || days[^1].Day != quarter.Day)
            {
                days.Add(quarter with { Quarter = 0, DeliveryHour = null });
                continue;
            }
            var sums = days[^1].Sums;
            sums.Add(quarter.Sums);
            days[^1] = days[^1] with { Sums = sums };
        }
        return days;
    }

    // Key bits: trader number (32), day number (22, enough for year 9999), quarter (7: 0–99).
    private static long Key(int trader, DateOnly day, int quarter) => ((long)trader << 32) | ((long)day.DayNumber << 7) | (uint)quarter;
    private static int TraderOf(long key) => (int)(key >> 32);
    private static DateOnly DayOf(long key) => DateOnly.FromDayNumber((int)((key & uint.MaxValue) >> 7));
    private static int QuarterOf(long key) => (int)(key & 127);
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

    public void Add(in AggregateSums other) =>
        (Count, BuyKwh, SellKwh, BuyMillicents, SellMillicents) =
        (Count + other.Count, BuyKwh + other.BuyKwh, SellKwh + other.SellKwh, BuyMillicents + other.BuyMillicents, SellMillicents + other.SellMillicents);
}
