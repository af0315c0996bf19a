using FlexPower.Core.Trades;

namespace FlexPower.Core.Reports;

/// <summary>One trader's day from the daily aggregate (kWh, millicents), with its positions marked at a reference series.</summary>
public sealed record MarkedDay(string TraderId, DateOnly DeliveryDay, int TradeCount, long BuyKwh, long SellKwh, long BuyMillicents, long SellMillicents, Marks Marks);

/// <summary>One trader's sums over a range of days (kWh, millicents), with the days' positions marked at a reference series.</summary>
public sealed record TraderMarks(string TraderId, int TradeCount, long BuyKwh, long SellKwh, long BuyMillicents, long SellMillicents, Marks Marks);
