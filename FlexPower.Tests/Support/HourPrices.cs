using FlexPower.Core.Common;
using FlexPower.Core.Prices;

namespace FlexPower.Tests.Support;

/// <summary>A day's quarter prices from hourly prices (delivery hour → eurocent/MWh), as a stored hourly series gives them.</summary>
public static class HourPrices
{
    public static long?[] Of(DateOnly day, IReadOnlyDictionary<int, long> hours) =>
        QuarterPrices.Of(BerlinQuarters.CountOf(day), hours.Select(h => ReferencePrice.OfHour("day-ahead", day, h.Key, h.Value)));
}
