using FlexPower.Core.Accounts;
using FlexPower.Core.Audit;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Prices;
using FlexPower.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Limits;

/// <summary>A trader's limits were set or removed.</summary>
public sealed record LimitsChanged(string TraderId) : Change;

/// <summary>What a change of limits stored (null: none are left), and a warning when no account trades under the trader id.</summary>
public sealed record LimitSet(TraderLimit? Limit, string? Warning);

/// <summary>A trader's limits as the audit trail records them (null: none).</summary>
internal sealed record LimitAudit(long? MaxOpenMw, decimal? MaxDailyLossEur)
{
    public static LimitAudit? Of(TraderLimit? limit) =>
        limit is null ? null : new(limit.MaxOpenMw, limit.MaxDailyLossCents is { } cents ? cents / 100m : null);
}

/// <summary>Trader limits: managers read and set them; a trader reads only their own usage.</summary>
public sealed class LimitService(IDbContextFactory<FlexPowerDbContext> dbFactory, ChangeNotifier notifier, IOptions<ReportOptions> reportOptions, TimeProvider clock)
{
    public async Task<IReadOnlyList<TraderLimit>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.EnsureSeesDesk("Trader limits");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TraderLimits.AsNoTracking().OrderBy(l => l.TraderId).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Stores a trader's limits (both null removes them) and returns what is stored; invalid input changes nothing. Limits for
    /// a trader id no account has are stored — trades may come under it from the exchange — with a warning, since a typo
    /// would otherwise protect nobody without anyone noticing.
    /// </summary>
    public async Task<LimitSet> SetAsync(Caller caller, string? traderId, LimitInput input, CancellationToken cancellationToken = default)
    {
        caller.EnsureSeesDesk("Setting trader limits");
        var errors = LimitRules.Validate(traderId, input);
        if (errors.Count > 0) throw new ValidationFailedException(string.Join(" ", errors));
        var id = traderId!.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var limit = await db.TraderLimits.FindAsync([id], cancellationToken);
        var before = LimitAudit.Of(limit);
        if (input.MaxOpenMw is null && input.MaxDailyLossEur is null)
        {
            if (limit is not null) db.TraderLimits.Remove(limit);
            limit = null;
        }
        else
        {
            if (limit is null) db.TraderLimits.Add(limit = new TraderLimit { TraderId = id, UpdatedBy = caller.UserName });
            limit.MaxOpenMw = input.MaxOpenMw;
            limit.MaxDailyLossCents = LimitRules.ToCents(input.MaxDailyLossEur);
            limit.UpdatedBy = caller.UserName;
            limit.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        }
        AuditTrail.Record(db, caller, clock.GetUtcNow().UtcDateTime, AuditKinds.LimitSet, id, before, LimitAudit.Of(limit));
        await db.SaveChangesAsync(cancellationToken);
        notifier.Publish(new LimitsChanged(id));
        var warning = limit is not null && !await db.Users.AnyAsync(u => u.TraderId == id, cancellationToken)
            ? $"No account has trader_id '{id}': the limits apply to trades stored under it, but check the spelling (trader ids are case-sensitive) or create the Trader account."
            : null;
        return new LimitSet(limit, warning);
    }

    /// <summary>A trader's day against their limits (a Trader only their own).</summary>
    public async Task<DayUsage> UsageAsync(Caller caller, string? traderId, DateOnly day, CancellationToken cancellationToken = default)
    {
        var trader = caller.ReadScope(traderId) ?? throw new ValidationFailedException("trader_id is required.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var limit = await db.TraderLimits.AsNoTracking().FirstOrDefaultAsync(l => l.TraderId == trader, cancellationToken);
        var quarters = PeriodSums.Spread((await db.TradeQuarters.AsNoTracking().Where(h => h.TraderId == trader && h.DeliveryDay == day).ToListAsync(cancellationToken))
            .Select(q => q.Period()));
        var prices = await PriceService.QuartersAsync(db, reportOptions.Value.ReferenceSeries, day, cancellationToken);
        return LimitRules.Measure(trader, day, limit, quarters, prices);
    }
}
