using FlexPower.Core.Common;
using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Prices;

/// <summary>Reads reference prices. They are market data, the same for everyone: any signed-in user may read them.</summary>
public sealed class PriceService(IDbContextFactory<FlexPowerDbContext> dbFactory)
{
    /// <summary>The periods of a series between two delivery days, in order.</summary>
    public async Task<IReadOnlyList<PeriodPrice>> ListAsync(string series, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var name = PriceRules.Series(series);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ReferencePrices.AsNoTracking()
            .Where(p => p.Series == name && p.DeliveryDay >= from && p.DeliveryDay <= to)
            .OrderBy(p => p.DeliveryDay).ThenBy(p => p.FirstQuarter)
            .Select(p => new { p.DeliveryDay, p.FirstQuarter, p.Quarters, p.DeliveryHour, p.PriceCents })
            .ToListAsync(cancellationToken);
        return rows.Select(p =>
        {
            var start = DateTime.SpecifyKind(BerlinQuarters.StartUtc(p.DeliveryDay, p.FirstQuarter), DateTimeKind.Utc);
            return new PeriodPrice(p.DeliveryDay, p.DeliveryHour ?? 2, PriceRules.EurMwh(p.PriceCents), start, start + p.Quarters * BerlinQuarters.Length);
        }).ToList();
    }

    /// <summary>Every series with prices, by name.</summary>
    public async Task<IReadOnlyList<PriceSeriesSummary>> SeriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ReferencePrices.AsNoTracking().GroupBy(p => p.Series)
            .Select(g => new { Series = g.Key, Hours = g.Count(), First = g.Min(p => p.DeliveryDay), Last = g.Max(p => p.DeliveryDay) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PriceSeriesSummary(r.Series, r.Hours, r.First, r.Last)).OrderBy(s => s.Series, StringComparer.Ordinal).ToList();
    }

    /// <summary>A day's prices of a series in eurocent/MWh per quarter-hour (<see cref="BerlinQuarters"/>), null where no period has one.</summary>
    internal static async Task<long?[]> QuartersAsync(FlexPowerDbContext db, string series, DateOnly day, CancellationToken cancellationToken) =>
        QuarterPrices.Of(BerlinQuarters.CountOf(day), await db.ReferencePrices.AsNoTracking().Where(p => p.Series == series && p.DeliveryDay == day).ToListAsync(cancellationToken));
}
