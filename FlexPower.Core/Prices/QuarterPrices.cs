namespace FlexPower.Core.Prices;

/// <summary>A day's price periods spread over its quarter-hours: a period's price applies to each quarter in it.</summary>
public static class QuarterPrices
{
    /// <summary>Eurocent/MWh per quarter of a day of <paramref name="quarterCount"/> quarters; null where no period has one.</summary>
    public static long?[] Of(int quarterCount, IEnumerable<ReferencePrice> periods)
    {
        var prices = new long?[quarterCount];
        foreach (var p in periods)
            for (var q = p.FirstQuarter; q < p.FirstQuarter + p.Quarters && q < quarterCount; q++)
                prices[q] = p.PriceCents;
        return prices;
    }

    /// <summary>
    /// The price shown for a period of several quarters: their price when all have the same, their mean (rounded to the cent,
    /// half away from zero) when they differ; null unless every quarter has one.
    /// </summary>
    public static long? Shown(ReadOnlySpan<long?> quarters)
    {
        long sum = 0;
        foreach (var q in quarters)
        {
            if (q is not { } cents) return null;
            sum += cents;
        }
        return (long)Math.Round(sum / (decimal)quarters.Length, MidpointRounding.AwayFromZero);
    }
}
