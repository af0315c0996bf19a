using FlexPower.Core.Trades;

namespace FlexPower.Core.Reports;

public enum Granularity { Day, Week, Month }

/// <summary>Totals of a set of trades; PnL in EUR = (Σ sell q×p − Σ buy q×p) / 100, exact (decimal from integer cents).</summary>
public sealed record PnlTotals(int TradeCount, long BuyMw, long SellMw, decimal PnlEur)
{
    public static PnlTotals From(int count, long buyMw, long sellMw, long buyCents, long sellCents) => new(count, buyMw, sellMw, Pnl.Eur(sellCents, buyCents));
}

public sealed record HourPnl(int Hour, int TradeCount, long BuyMw, long SellMw, decimal PnlEur);

public sealed record DayReport(string TraderId, DateOnly DeliveryDay, IReadOnlyList<HourPnl> Hours, PnlTotals Total);

public sealed record PeriodPnl(DateOnly Start, int TradeCount, long BuyMw, long SellMw, decimal PnlEur, decimal CumulativePnlEur);

public sealed record RangeReport(string? TraderId, DateOnly From, DateOnly To, string Granularity, IReadOnlyList<PeriodPnl> Periods, PnlTotals Total);

public sealed record DayPnl(DateOnly Day, decimal PnlEur);

public sealed record TraderSummary(string TraderId, int TradeCount, long BuyMw, long SellMw, decimal PnlEur, DayPnl? BestDay, DayPnl? WorstDay);

public sealed record TraderSummaryReport(DateOnly From, DateOnly To, IReadOnlyList<TraderSummary> Traders);
