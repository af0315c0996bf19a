using FlexPower.Core.Trades;

namespace FlexPower.Core.Reports;

/// <summary>One trader's day from the daily aggregate, with its positions marked at a reference series.</summary>
public sealed record MarkedDay(string TraderId, DateOnly DeliveryDay, int TradeCount, long BuyMw, long SellMw, long BuyCents, long SellCents, Marks Marks);

/// <summary>One trader's sums over a range of days, with the days' positions marked at a reference series.</summary>
public sealed record TraderMarks(string TraderId, int TradeCount, long BuyMw, long SellMw, long BuyCents, long SellCents, Marks Marks);
