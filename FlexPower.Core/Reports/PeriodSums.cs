namespace FlexPower.Core.Reports;

/// <summary>A stored aggregate row of a trader's day (<see cref="TradeQuarter"/>): <see cref="Quarters"/> quarter-hours from <see cref="FirstQuarter"/>, summed.</summary>
public sealed record PeriodSums(int FirstQuarter, int Quarters, int TradeCount, long BuyKwh, long SellKwh, long BuyMillicents, long SellMillicents)
{
    /// <summary>Whether the row's energy and cash divide evenly among its quarters, as every row the write path sums does.</summary>
    public bool SharesEvenly => BuyKwh % Quarters == 0 && SellKwh % Quarters == 0 && BuyMillicents % Quarters == 0 && SellMillicents % Quarters == 0;

    /// <summary>
    /// The quarter-hours a day's rows cover, in order, each with the sums of every row covering it: a row's kWh and
    /// millicents spread evenly over its quarters (exactly: a row of several quarters only ever holds trades delivering the
    /// same energy in each), its trade count on its first.
    /// </summary>
    public static List<QuarterSums> Spread(IEnumerable<PeriodSums> rows)
    {
        var quarters = new SortedDictionary<int, QuarterSums>();
        foreach (var row in rows)
            for (var i = 0; i < row.Quarters; i++)
            {
                var share = new QuarterSums(row.FirstQuarter + i, i == 0 ? row.TradeCount : 0, row.BuyKwh / row.Quarters, row.SellKwh / row.Quarters,
                    row.BuyMillicents / row.Quarters, row.SellMillicents / row.Quarters);
                quarters[share.Quarter] = quarters.TryGetValue(share.Quarter, out var other) ? other.Plus(share) : share;
            }
        return [.. quarters.Values];
    }
}
