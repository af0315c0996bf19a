using System.Runtime.CompilerServices;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Trades;

/// <summary>
/// The trade store for pages and API alike. Every query is scoped by the caller (a Trader sees only their
/// trader id), filtered and ordered in SQLite, and either paged or streamed — never a whole table in memory.
/// </summary>
public sealed class TradeService(IDbContextFactory<FlexPowerDbContext> dbFactory, TradeCommitQueue commits)
{
    /// <summary>Trades ordered by delivery day, hour, execution time and id, streamed row by row (GET /v1/trades).</summary>
    public IAsyncEnumerable<TradeDto> Stream(Caller caller, string? traderId, DateOnly? deliveryDay, CancellationToken cancellationToken = default)
    {
        var scoped = caller.ReadScope(traderId); // throws before the response starts
        return StreamCore(scoped, deliveryDay, cancellationToken);
    }

    private async IAsyncEnumerable<TradeDto> StreamCore(string? traderId, DateOnly? deliveryDay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        IQueryable<Trade> query = db.Trades.AsNoTracking();
        if (traderId is not null) query = query.Where(t => t.TraderId == traderId);
        if (deliveryDay is { } day) query = query.Where(t => t.DeliveryDay == day);
        query = query.OrderBy(t => t.DeliveryDay).ThenBy(t => t.DeliveryHour).ThenBy(t => t.ExecutionTimeUtc).ThenBy(t => t.Id);
        await foreach (var trade in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return TradeDto.From(trade);
    }

    /// <summary>
    /// Stores one trade with its share of the aggregates (group-committed with other writers' trades). The same id with
    /// identical content is a safe retry; with different content it is a conflict.
    /// </summary>
    public async Task<(AddTradeOutcome Outcome, Trade Trade)> AddAsync(Caller caller, RawTrade raw, CancellationToken cancellationToken = default)
    {
        var (trade, errors) = TradeRules.Validate(raw);
        if (trade is null) throw new ValidationFailedException(string.Join(" ", errors));
        caller.EnsureCanWrite(trade.TraderId);
        return (await commits.StoreAsync(trade, caller, cancellationToken), trade);
    }

    public async Task<TradePage> GetPageAsync(Caller caller, TradeFilter filter, TradeSort? sort, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, caller, filter);
        var total = await query.CountAsync(cancellationToken);
        var rows = await Sorted(query, sort).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
        return new TradePage(rows, total);
    }

    public async Task<TradeTotals> GetTotalsAsync(Caller caller, TradeFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var totals = await Filtered(db, caller, filter)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Buy = g.Sum(t => t.Direction == TradeDirection.Buy ? (long)t.Quantity : 0L),
                Sell = g.Sum(t => t.Direction == TradeDirection.Sell ? (long)t.Quantity : 0L),
                SignedCents = g.Sum(t => t.Direction == TradeDirection.Sell ? (long)t.Quantity * t.Price : -(long)t.Quantity * t.Price),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return totals is null ? TradeTotals.Empty : new TradeTotals(totals.Count, totals.Buy, totals.Sell, totals.SignedCents / 100m);
    }

    /// <summary>The filtered set in grid order, streamed (CSV export).</summary>
    public async IAsyncEnumerable<Trade> Export(Caller caller, TradeFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var trade in Sorted(Filtered(db, caller, filter), null).AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return trade;
    }

    /// <summary>What the page and its export show: a filter from a URL, where a Trader's <c>trader=</c> is ignored (see <see cref="Caller.LinkScope"/>).</summary>
    private static IQueryable<Trade> Filtered(FlexPowerDbContext db, Caller caller, TradeFilter filter)
    {
        var query = db.Trades.AsNoTracking();
        if (caller.LinkScope(filter.TraderId) is { } traderId) query = query.Where(t => t.TraderId == traderId);
        if (filter.From is { } from) query = query.Where(t => t.DeliveryDay >= from);
        if (filter.To is { } to) query = query.Where(t => t.DeliveryDay <= to);
        if (filter.Hour is { } hour) query = query.Where(t => t.DeliveryHour == hour);
        if (filter.Direction is { } direction) query = query.Where(t => t.Direction == direction);
        return query;
    }

    private static IQueryable<Trade> Sorted(IQueryable<Trade> query, TradeSort? sort)
    {
        if (sort is null)
            return query.OrderByDescending(t => t.DeliveryDay).ThenByDescending(t => t.DeliveryHour).ThenByDescending(t => t.ExecutionTimeUtc).ThenBy(t => t.Id);
        var d = sort.Descending;
        IOrderedQueryable<Trade> ordered = sort.Column switch
        {
            TradeSortColumn.DeliveryHour => d ? query.OrderByDescending(t => t.DeliveryHour) : query.OrderBy(t => t.DeliveryHour),
            TradeSortColumn.ExecutionTime => d ? query.OrderByDescending(t => t.ExecutionTimeUtc) : query.OrderBy(t => t.ExecutionTimeUtc),
            TradeSortColumn.Id => d ? query.OrderByDescending(t => t.Id) : query.OrderBy(t => t.Id),
            TradeSortColumn.Price => d ? query.OrderByDescending(t => t.Price) : query.OrderBy(t => t.Price),
            TradeSortColumn.Quantity => d ? query.OrderByDescending(t => t.Quantity) : query.OrderBy(t => t.Quantity),
            TradeSortColumn.Direction => d ? query.OrderByDescending(t => t.Direction) : query.OrderBy(t => t.Direction),
            TradeSortColumn.TraderId => d ? query.OrderByDescending(t => t.TraderId) : query.OrderBy(t => t.TraderId),
            _ => d ? query.OrderByDescending(t => t.DeliveryDay).ThenByDescending(t => t.DeliveryHour) : query.OrderBy(t => t.DeliveryDay).ThenBy(t => t.DeliveryHour),
        };
        return ordered.ThenBy(t => t.Id); // a stable order, so paging never repeats or skips a row
    }
}
