using System.Diagnostics;
using System.Runtime.CompilerServices;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Reports;
using FlexPower.Core.Telemetry;
using Microsoft.EntityFrameworkCore;

using FlexPower.Core.Data.TradeWrites;

namespace FlexPower.Core.Trades;

/// <summary>
/// The trade store for pages and API alike. Every query is scoped by the caller (a Trader sees only their
/// trader id), filtered and ordered in the database, and either paged or streamed — never a whole table in memory.
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
        query = query.OrderBy(t => t.DeliveryDay).ThenBy(t => t.DeliveryHour).ThenBy(t => t.DeliveryStartUtc).ThenBy(t => t.ExecutionTimeUtc).ThenBy(t => t.Id);
        await foreach (var trade in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return TradeDto.From(trade);
    }

    /// <summary>
    /// Stores one trade with its share of the aggregates (group-committed with other writers' trades). The same id with
    /// identical content is a safe retry; with different content it is a conflict.
    /// </summary>
    public async Task<(AddTradeOutcome Outcome, Trade Trade)> AddAsync(Caller caller, RawTrade raw, CancellationToken cancellationToken = default)
    {
        // The trade's attributes go on the span of the call that carries it (the API request, the page event), not on a span
        // of its own: one more span per trade cost a busy instance a measurable share of its CPU (docs/performance.md).
        var call = Activity.Current.For(caller);
        try
        {
            var (trade, errors) = TradeRules.Validate(raw);
            if (trade is null) throw new ValidationFailedException(string.Join(" ", errors));
            call.Tagged(Tags.TraderId, trade.TraderId);
            caller.EnsureCanWrite(trade.TraderId);
            var outcome = await commits.StoreAsync(trade, caller, cancellationToken);
            call.Succeeded(outcome == AddTradeOutcome.Inserted ? "inserted" : "already_stored");
            return (outcome, trade);
        }
        catch (Exception)
        {
            // The call's own status (an HTTP 400, 403, 409 or 503) says why; its span is not marked failed for a client's error.
            call.Tagged(Tags.Outcome, Outcomes.Error);
            throw;
        }
    }

    public async Task<TradePage> GetPageAsync(Caller caller, TradeFilter filter, TradeSort? sort, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = (await SumAsync(db, caller, filter, cancellationToken)).TradeCount;
        var rows = await Sorted(Filtered(db, caller, filter), sort).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500)).ToListAsync(cancellationToken);
        return new TradePage(rows, total);
    }

    public async Task<TradeTotals> GetTotalsAsync(Caller caller, TradeFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await SumAsync(db, caller, filter, cancellationToken);
    }

    /// <summary>
    /// The filter's count and sums. The aggregates hold them per trader, day and hour, so a desk-wide year costs thousands
    /// of rows instead of millions; only a direction or id filter (the aggregates know neither) reads the trades.
    /// </summary>
    private static async Task<TradeTotals> SumAsync(FlexPowerDbContext db, Caller caller, TradeFilter filter, CancellationToken cancellationToken)
    {
        var traderId = caller.LinkScope(filter.TraderId);
        if (filter.Direction is not null || filter.IdPrefix is not null)
            return Totals(await SumTradesAsync(Filtered(db, caller, filter), cancellationToken));
        IQueryable<Sums> sums;
        if (filter.Hour is { } hour)
        {
            // The trades starting in the hour, and the energy delivered in it.
            var hours = db.TradeQuarters.AsNoTracking().Where(h => h.DeliveryHour == hour);
            if (traderId is not null) hours = hours.Where(h => h.TraderId == traderId);
            if (filter.From is { } from) hours = hours.Where(h => h.DeliveryDay >= from);
            if (filter.To is { } to) hours = hours.Where(h => h.DeliveryDay <= to);
            sums = hours.GroupBy(_ => 1).Select(g => new Sums(g.Sum(h => h.TradeCount), g.Sum(h => h.BuyKwh), g.Sum(h => h.SellKwh), g.Sum(h => h.BuyMillicents), g.Sum(h => h.SellMillicents)));
        }
        else
        {
            var days = db.TradeDays.AsNoTracking();
            if (traderId is not null) days = days.Where(d => d.TraderId == traderId);
            if (filter.From is { } from) days = days.Where(d => d.DeliveryDay >= from);
            if (filter.To is { } to) days = days.Where(d => d.DeliveryDay <= to);
            sums = days.GroupBy(_ => 1).Select(g => new Sums(g.Sum(d => d.TradeCount), g.Sum(d => d.BuyKwh), g.Sum(d => d.SellKwh), g.Sum(d => d.BuyMillicents), g.Sum(d => d.SellMillicents)));
        }
        return Totals(await sums.FirstOrDefaultAsync(cancellationToken));
    }

    private static TradeTotals Totals(Sums? s) =>
        s is null ? TradeTotals.Empty : new TradeTotals(s.Count, Position.Mwh(s.BuyKwh), Position.Mwh(s.SellKwh), Pnl.EurOfMillicents(s.SellMillicents, s.BuyMillicents));

    /// <summary>
    /// The sums of trades the aggregates cannot answer for: grouped by direction and period in the database (a trade's energy
    /// is its MW over its period's length, which SQL on both providers cannot take from two instants alike), a few thousand
    /// groups for a desk-wide year.
    /// </summary>
    private static async Task<Sums?> SumTradesAsync(IQueryable<Trade> trades, CancellationToken cancellationToken)
    {
        var periods = await trades.GroupBy(t => new { t.Direction, t.DeliveryStartUtc, t.DeliveryEndUtc })
            .Select(g => new { g.Key.Direction, g.Key.DeliveryStartUtc, g.Key.DeliveryEndUtc, Count = g.Count(), Tenths = g.Sum(t => t.QuantityTenths), TenthsPrice = g.Sum(t => t.QuantityTenths * t.Price) })
            .ToListAsync(cancellationToken);
        if (periods.Count == 0) return null;
        var (count, buyKwh, sellKwh, buyMillicents, sellMillicents) = (0, 0L, 0L, 0L, 0L);
        foreach (var p in periods)
        {
            var kwhPerTenth = Position.KwhPerTenth(p.DeliveryEndUtc - p.DeliveryStartUtc);
            count += p.Count;
            if (p.Direction == TradeDirection.Buy) (buyKwh, buyMillicents) = (buyKwh + p.Tenths * kwhPerTenth, buyMillicents + p.TenthsPrice * kwhPerTenth);
            else (sellKwh, sellMillicents) = (sellKwh + p.Tenths * kwhPerTenth, sellMillicents + p.TenthsPrice * kwhPerTenth);
        }
        return new Sums(count, buyKwh, sellKwh, buyMillicents, sellMillicents);
    }

    private sealed record Sums(int Count, long BuyKwh, long SellKwh, long BuyMillicents, long SellMillicents);

    /// <summary>The filtered set in the grid's order (its sort, or the default one), streamed (CSV export).</summary>
    public async IAsyncEnumerable<Trade> Export(Caller caller, TradeFilter filter, TradeSort? sort = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var trade in Sorted(Filtered(db, caller, filter), sort).AsAsyncEnumerable().WithCancellation(cancellationToken))
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
        if (filter.IdPrefix is { } id) query = query.Where(t => t.Id.StartsWith(id));
        return query;
    }

    private static IQueryable<Trade> Sorted(IQueryable<Trade> query, TradeSort? sort)
    {
        if (sort is null)
            return query.OrderByDescending(t => t.DeliveryDay).ThenByDescending(t => t.DeliveryHour).ThenByDescending(t => t.DeliveryStartUtc).ThenByDescending(t => t.ExecutionTimeUtc).ThenBy(t => t.Id);
        var d = sort.Descending;
        IOrderedQueryable<Trade> ordered = sort.Column switch
        {
            TradeSortColumn.DeliveryHour => d ? query.OrderByDescending(t => t.DeliveryHour) : query.OrderBy(t => t.DeliveryHour),
            TradeSortColumn.ExecutionTime => d ? query.OrderByDescending(t => t.ExecutionTimeUtc) : query.OrderBy(t => t.ExecutionTimeUtc),
            TradeSortColumn.Id => d ? query.OrderByDescending(t => t.Id) : query.OrderBy(t => t.Id),
            TradeSortColumn.Price => d ? query.OrderByDescending(t => t.Price) : query.OrderBy(t => t.Price),
            TradeSortColumn.Quantity => d ? query.OrderByDescending(t => t.QuantityTenths) : query.OrderBy(t => t.QuantityTenths),
            TradeSortColumn.Direction => d ? query.OrderByDescending(t => t.Direction) : query.OrderBy(t => t.Direction),
            TradeSortColumn.TraderId => d ? query.OrderByDescending(t => t.TraderId) : query.OrderBy(t => t.TraderId),
            _ => d ? query.OrderByDescending(t => t.DeliveryDay).ThenByDescending(t => t.DeliveryHour).ThenByDescending(t => t.DeliveryStartUtc)
                : query.OrderBy(t => t.DeliveryDay).ThenBy(t => t.DeliveryHour).ThenBy(t => t.DeliveryStartUtc),
        };
        return ordered.ThenBy(t => t.Id); // a stable order, so paging never repeats or skips a row
    }
}
