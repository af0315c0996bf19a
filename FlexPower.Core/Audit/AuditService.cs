using System.Runtime.CompilerServices;
using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Audit;

/// <summary>Reading the audit trail: for managers. Nothing in FlexPower changes or deletes it.</summary>
public sealed class AuditService(IDbContextFactory<FlexPowerDbContext> dbFactory)
{
    /// <summary>One page of entries, newest first; the next page is asked for with <see cref="AuditFilter.BeforeId"/> = the last id.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Caller caller, AuditFilter filter, CancellationToken cancellationToken = default)
    {
        caller.EnsureSeesDesk("The audit trail");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Query(db, filter).Take(Math.Clamp(filter.Take, 1, AuditFilter.MaxTake)).ToListAsync(cancellationToken);
    }

    /// <summary>Every entry the filter matches, newest first, streamed (the CSV export); whether the caller may is checked first.</summary>
    public IAsyncEnumerable<AuditEntry> Export(Caller caller, AuditFilter filter, CancellationToken cancellationToken = default)
    {
        caller.EnsureSeesDesk("The audit trail");
        return Stream(filter, cancellationToken);
    }

    /// <summary>The people who appear in the trail, for the page's filter.</summary>
    public async Task<IReadOnlyList<string>> UsersAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.EnsureSeesDesk("The audit trail");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Select(e => e.UserName).Distinct().OrderBy(u => u).ToListAsync(cancellationToken);
    }

    private async IAsyncEnumerable<AuditEntry> Stream(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var entry in Query(db, filter).AsAsyncEnumerable().WithCancellation(cancellationToken)) yield return entry;
    }

    private static IQueryable<AuditEntry> Query(FlexPowerDbContext db, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (filter.User is { } user) entries = entries.Where(e => e.UserName == user);
        if (filter.Kind is { } kind) entries = entries.Where(e => e.Kind == kind);
        if (filter.FromUtc is { } from) entries = entries.Where(e => e.AtUtc >= from);
        if (filter.ToUtc is { } to) entries = entries.Where(e => e.AtUtc < to);
        if (filter.BeforeId is { } id) entries = entries.Where(e => e.Id < id);
        return entries.OrderByDescending(e => e.Id);
    }
}
