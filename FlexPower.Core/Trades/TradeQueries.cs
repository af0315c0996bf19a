namespace FlexPower.Core.Trades;

/// <summary>What the trades grid and its export filter on; null means "any".</summary>
/// <summary>What a trades list shows; <paramref name="IdPrefix"/> finds trades whose id is it or starts with it.</summary>
public sealed record TradeFilter(DateOnly? From = null, DateOnly? To = null, int? Hour = null, TradeDirection? Direction = null, string? TraderId = null, string? IdPrefix = null);

public sealed record TradeSort(TradeSortColumn Column, bool Descending);

public enum TradeSortColumn { DeliveryDay, DeliveryHour, ExecutionTime, Id, Price, Quantity, Direction, TraderId }

public sealed record TradePage(IReadOnlyList<Trade> Rows, int TotalCount);

/// <summary>Totals of a filtered set, energy in MWh (an hourly trade's MW); PnL in EUR = (Σ sell p×MWh − Σ buy p×MWh) / 100 with p in eurocent/MWh.</summary>
public sealed record TradeTotals(int TradeCount, decimal BuyMw, decimal SellMw, decimal PnlEur)
{
    public static readonly TradeTotals Empty = new(0, 0, 0, 0m);
}

public enum AddTradeOutcome { Inserted, AlreadyStored }
