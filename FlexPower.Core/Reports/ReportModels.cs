using FlexPower.Core.Common;

namespace FlexPower.Core.Reports;

public enum Granularity { Day, Week, Month }

/// <summary>
/// One delivery period of a day report (a quarter-hour, half-hour or hour; the name stays from when it was always an hour):
/// <see cref="Hour"/> is the Berlin clock hour it starts in (2 twice on the autumn day), its MW are its MWh over its length
/// (average MW; an hour's MW are its MWh), cash PnL in EUR = (Σ sell p×MWh − Σ buy p×MWh) / 100, the position (net = bought −
/// sold, positive is long; matched = min(bought, sold) per quarter-hour), energy-weighted prices in EUR/MWh (null without buys
/// or sells), and, with the reference series' price R, MtM = PnL + Σ net MWh × R (null, like R, when the period has no price).
/// </summary>
public sealed record HourPnl(int Hour, int TradeCount, decimal BuyMw, decimal SellMw, decimal PnlEur, decimal NetMw, decimal MatchedMw,
    decimal? BuyVwapEurMwh, decimal? SellVwapEurMwh, decimal? RefPriceEurMwh, decimal? MtmEur,
    DateTime Start, DateTime End, string Label, decimal BuyMwh, decimal SellMwh, decimal NetMwh)
{
    /// <summary>Nothing traded starts or is delivered in the period.</summary>
    public bool IsEmpty() => TradeCount == 0 && BuyMwh == 0 && SellMwh == 0;

    /// <summary>
    /// The period as tables and files name it: an hour as the desk always said it (<c>13 - 14</c>, the autumn day's second
    /// 02:00 <c>2 - 3 (2)</c>), a shorter period by its Berlin times (<c>14:15–14:30</c>).
    /// </summary>
    public string DeskLabel(string resolution) =>
        resolution == nameof(Reports.Resolution.PT60M) ? HourLabel.Of(Hour) + (Label.EndsWith(PeriodLabel.RepeatedMark, StringComparison.Ordinal) ? PeriodLabel.RepeatedMark : "") : Label;
}

/// <summary>
/// A day's totals, the same at every resolution, in MWh (a day's MW are its MWh, as they always were for hourly trades): matched
/// is the sum of the quarter-hours' matched energy (a purchase in one quarter-hour does not close a sale in another);
/// MtM adds the hours' MtM, counting a traded hour without a price with its cash PnL (<see cref="HoursWithoutPrice"/> says how
/// many) and is null when no traded hour had a price.
/// </summary>
public sealed record DayTotal(int TradeCount, decimal BuyMw, decimal SellMw, decimal PnlEur, decimal NetMw, decimal MatchedMw,
    decimal? BuyVwapEurMwh, decimal? SellVwapEurMwh, decimal? MtmEur, int HoursWithoutPrice);

/// <summary>A trader's day (or, with <see cref="TraderId"/> null, the whole desk's) per Europe/Berlin delivery period of <see cref="Resolution"/> (PT15M, PT30M, PT60M).</summary>
public sealed record DayReport(string? TraderId, DateOnly DeliveryDay, string ReferenceSeries, IReadOnlyList<HourPnl> Hours, DayTotal Total, string Resolution);

/// <summary>Totals of a set of days: cash PnL, net MW and MtM (as in <see cref="DayTotal"/>; MW are MWh).</summary>
public sealed record PnlTotals(int TradeCount, decimal BuyMw, decimal SellMw, decimal PnlEur, decimal NetMw, decimal? MtmEur, int HoursWithoutPrice);

public sealed record PeriodPnl(DateOnly Start, int TradeCount, decimal BuyMw, decimal SellMw, decimal PnlEur, decimal CumulativePnlEur,
    decimal NetMw, decimal? MtmEur, int HoursWithoutPrice);

public sealed record RangeReport(string? TraderId, DateOnly From, DateOnly To, string Granularity, string ReferenceSeries, IReadOnlyList<PeriodPnl> Periods, PnlTotals Total);

public sealed record DayPnl(DateOnly Day, decimal PnlEur);

public sealed record TraderSummary(string TraderId, int TradeCount, decimal BuyMw, decimal SellMw, decimal PnlEur, decimal NetMw, decimal? MtmEur, int HoursWithoutPrice,
    DayPnl? BestDay, DayPnl? WorstDay);

public sealed record TraderSummaryReport(DateOnly From, DateOnly To, string ReferenceSeries, IReadOnlyList<TraderSummary> Traders);
