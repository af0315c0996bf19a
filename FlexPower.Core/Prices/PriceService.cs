using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Prices;

/// <summary>Reads reference prices. They are market data, the same for everyone: any signed-in user may read them.</summary>
public sealed class PriceService(IDbContextFactory<FlexPowerDbContext> dbFactory)
{
    /// <summary>The hours of a series between two delivery days, in order.</summary>
    public async Task<IReadOnlyList<HourPrice>> ListAsync(string series, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var name = PriceRules.Series(series);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ReferencePrices.AsNoTracking()
            .Where(p => p.Series == name && p.DeliveryDay >= from && p.DeliveryDay <= to)
            .OrderBy(p => p.DeliveryDay).ThenBy(p => p.DeliveryHour)
            .Select(p => new { p.DeliveryDay, p.DeliveryHour, p.PriceCents })
            .ToListAsync(cancellationToken);
        return rows.Select(p => new HourPrice(p.DeliveryDay, p.DeliveryHour, PriceRules.EurMwh(p.PriceCents))).ToList();
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

    /// <summary>A day's prices of a series in eurocent/MWh by delivery hour (hours without a price are absent).</summary>
    internal static Task<Dictionary<int, long>> HoursAsync(FlexPowerDbContext db, string series, DateOnly day, CancellationToken cancellationToken) =>
        db.ReferencePrices.AsNoTracking().Where(p => p.Series == series && p.DeliveryDay == day)
            .ToDictionaryAsync(p => p.DeliveryHour, p => p.PriceCents, cancellationToken);
}
