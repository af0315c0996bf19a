using FlexPower.Core.Common;
using FlexPower.Core.Prices;
using FlexPower.Core.Trades;

namespace FlexPower.Core.Demo;

public sealed record DemoTrader(string UserName, string Password, string TraderId);

/// <summary>Synthetic but plausible intraday trades: a daily price shape with evening peaks and sunny-noon dips, deterministic for a given end day.</summary>
public static class DemoData
{
    public const int Days = 90;

    public static IReadOnlyList<DemoTrader> Traders { get; } =
    [
        new("anna", "Demo-Trader-1!", "trader_1"),
        new("ben", "Demo-Trader-2!", "trader_2"),
        new("chloe", "Demo-Trader-3!", "trader_3"),
    ];

    public const string DayAheadSeries = "day-ahead";

    public static IEnumerable<Trade> Trades(DateOnly lastDay) => Generate(lastDay, (_, _) => { });

    /// <summary>
    /// A day-ahead series for the demo days: each hour at the day's level and shape the trades move around (with a little
    /// noise of its own), so the intraday trades' mark-to-market is plausible — incl. negative noon prices on weekends.
    /// </summary>
    public static IReadOnlyList<ReferencePrice> DayAheadPrices(DateOnly lastDay)
    {
        var levels = new Dictionary<DateOnly, int>();
        foreach (var _ in Generate(lastDay, (day, level) => levels[day] = level)) { }
        var noise = new Random(20230228);
        return levels.OrderBy(l => l.Key).SelectMany(l => BerlinTime.HoursOf(l.Key).Select(hour => ReferencePrice.OfHour(DayAheadSeries, l.Key, hour,
            l.Value + PriceShape(hour, l.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) + noise.Next(-400, 400)))).ToList();
    }

    private static IEnumerable<Trade> Generate(DateOnly lastDay, Action<DateOnly, int> dayLevelChosen)
    {
        var random = new Random(20230220);
        for (var day = lastDay.AddDays(-(Days - 1)); day <= lastDay; day = day.AddDays(1))
        {
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var dayLevel = 7_000 + random.Next(-2_000, 4_000);
            dayLevelChosen(day, dayLevel);
            foreach (var trader in Traders)
            {
                var sequence = 0;
                foreach (var hour in BerlinTime.HoursOf(day))
                {
                    if (random.NextDouble() < 0.35) continue;
                    var hourPrice = dayLevel + PriceShape(hour, weekend);
                    var count = random.Next(1, 4);
                    for (var i = 0; i < count; i++)
                    {
                        var direction = random.Next(2) == 0 ? TradeDirection.Buy : TradeDirection.Sell;
                        // Traders earn a small spread on average: they sell a little above and buy a little below the hour's level.
                        var edge = direction == TradeDirection.Sell ? 150 : -150;
                        var price = hourPrice + edge + random.Next(-900, 900);
                        var deliveryStart = BerlinTime.HourStartUtc(day, hour);
                        yield return new Trade
                        {
                            Id = $"demo-{trader.TraderId}-{day:yyyyMMdd}-{++sequence:D3}",
                            TraderId = trader.TraderId,
                            DeliveryDay = day,
                            DeliveryHour = hour,
                            DeliveryStartUtc = deliveryStart,
                            DeliveryEndUtc = deliveryStart.AddHours(1),
                            Direction = direction,
                            Price = price,
                            QuantityTenths = random.Next(1, 51) * 10L,
                            ExecutionTimeUtc = deliveryStart.AddMinutes(-random.Next(15, 24 * 60)),
                        };
                    }
                }
            }
        }
    }

    /// <summary>Eurocent/MWh added to the day's level: morning and evening peaks, a solar dip at noon that goes negative on weekends.</summary>
    private static int PriceShape(int hour, bool weekend) => hour switch
    {
        >= 0 and <= 5 => -1_500,
        >= 6 and <= 9 => 2_500,
        >= 11 and <= 15 => weekend ? -9_000 : -2_500,
        >= 17 and <= 20 => 5_000,
        _ => 0,
    };
}
