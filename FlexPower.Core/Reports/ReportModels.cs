namespace FlexPower.Core.Reports;

public enum Granularity { Day, Week, Month }

/// <summary>
/// One delivery hour: cash PnL in EUR = (Σ sell q×p − Σ buy q×p) / 100, the position (net = bought − sold, positive is long;
/// matched = min(bought, sold)), volume-weighted prices in EUR/MWh (null without buys or sells), and, with the reference
/// series' price R for the hour, MtM = PnL + net × R (null, like R, when the hour has no price).
/// </summary>
public sealed record HourPnl(int Hour, int TradeCount, long BuyMw, long SellMw, decimal PnlEur, long NetMw, long MatchedMw,
    decimal? BuyVwapEurMwh, decimal? SellVwapEurMwh, decimal? RefPriceEurMwh, decimal? MtmEur);

/// <summary>
/// A day's totals: matched is the sum of the hours' matched MW (a purchase in one hour does not close a sale in another);
/// MtM adds the hours' MtM, counting a traded hour without a price with its cash PnL (<see cref="HoursWithoutPrice"/> says how
/// many) and is null when no traded hour had a price.
/// </summary>
public sealed record DayTotal(int TradeCount, long BuyMw, long SellMw, decimal PnlEur, long NetMw, long MatchedMw,
    decimal? BuyVwapEurMwh, decimal? SellVwapEurMwh, decimal? MtmEur, int HoursWithoutPrice);

/// <summary>A trader's day (or, with <see cref="TraderId"/> null, the whole desk's) per Europe/Berlin delivery hour.</summary>
public sealed record DayReport(string? TraderId, DateOnly DeliveryDay, string ReferenceSeries, IReadOnlyList<HourPnl> Hours, DayTotal Total);

/// <summary>Totals of a set of days: cash PnL, net MW and MtM (as in <see cref="DayTotal"/>).</summary>
public sealed record PnlTotals(int TradeCount, long BuyMw, long SellMw, decimal PnlEur, long NetMw, decimal? MtmEur, int HoursWithoutPrice);

public sealed record PeriodPnl(DateOnly Start, int TradeCount, long BuyMw, long SellMw, decimal PnlEur, decimal CumulativePnlEur,
    long NetMw, decimal? MtmEur, int HoursWithoutPrice);

public sealed record RangeReport(string? TraderId, DateOnly From, DateOnly To, string Granularity, string ReferenceSeries, IReadOnlyList<PeriodPnl> Periods, PnlTotals Total);

public sealed record DayPnl(DateOnly Day, decimal PnlEur);

public sealed record TraderSummary(string TraderId, int TradeCount, long BuyMw, long SellMw, decimal PnlEur, long NetMw, decimal? MtmEur, int HoursWithoutPrice,
    DayPnl? BestDay, DayPnl? WorstDay);

public sealed record TraderSummaryReport(DateOnly From, DateOnly To, string ReferenceSeries, IReadOnlyList<TraderSummary> Traders);
