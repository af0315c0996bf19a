using FlexPower.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

/// <summary>The columns <c>trade_quarters</c> and <c>trade_days</c> share: a trader's sums of one delivery period or day (kWh, millicents).</summary>
internal static class TradeSumColumns
{
    public const string TraderId = "trader_id";
    public const string DeliveryDay = "delivery_day";
    public const string TradeCount = "trade_count";
    public const string BuyKwh = "buy_kwh";
    public const string SellKwh = "sell_kwh";
    public const string BuyMillicents = "buy_millicents";
    public const string SellMillicents = "sell_millicents";

    /// <summary>The sums, in the order the writers bind them after the key.</summary>
    public const string Sums = $"{TradeCount}, {BuyKwh}, {SellKwh}, {BuyMillicents}, {SellMillicents}";

    /// <summary>An upsert's SET clause that adds the new sums to a stored row aliased <c>a</c>.</summary>
    public const string AddSums = $"""
        {TradeCount} = a.{TradeCount} + excluded.{TradeCount}, {BuyKwh} = a.{BuyKwh} + excluded.{BuyKwh}, {SellKwh} = a.{SellKwh} + excluded.{SellKwh},
        {BuyMillicents} = a.{BuyMillicents} + excluded.{BuyMillicents}, {SellMillicents} = a.{SellMillicents} + excluded.{SellMillicents}
        """;

    public static void Map<T>(EntityTypeBuilder<T> sums) where T : class
    {
        sums.Property<string>(nameof(TradeQuarter.TraderId)).HasColumnName(TraderId);
        sums.Property<DateOnly>(nameof(TradeQuarter.DeliveryDay)).HasColumnName(DeliveryDay);
        sums.Property<int>(nameof(TradeQuarter.TradeCount)).HasColumnName(TradeCount);
        sums.Property<long>(nameof(TradeQuarter.BuyKwh)).HasColumnName(BuyKwh);
        sums.Property<long>(nameof(TradeQuarter.SellKwh)).HasColumnName(SellKwh);
        sums.Property<long>(nameof(TradeQuarter.BuyMillicents)).HasColumnName(BuyMillicents);
        sums.Property<long>(nameof(TradeQuarter.SellMillicents)).HasColumnName(SellMillicents);
    }
}

internal sealed class TradeQuarterConfiguration : IEntityTypeConfiguration<TradeQuarter>
{
    public const string Table = "trade_quarters";
    public const string Quarter = "quarter";
    public const string Quarters = "quarters";
    public const string DeliveryHour = "delivery_hour";
    public const string Key = $"{TradeSumColumns.TraderId}, {TradeSumColumns.DeliveryDay}, {Quarter}, {Quarters}";

    /// <summary>The key, the price hour and the sums, in the order the writers bind them.</summary>
    public const string Columns = $"{Key}, {DeliveryHour}, {TradeSumColumns.Sums}";

    public void Configure(EntityTypeBuilder<TradeQuarter> quarter)
    {
        quarter.ToTable(Table);
        quarter.HasKey(q => new { q.TraderId, q.DeliveryDay, q.Quarter, q.Quarters });
        TradeSumColumns.Map(quarter);
        quarter.Property(q => q.Quarter).HasColumnName(Quarter);
        quarter.Property(q => q.Quarters).HasColumnName(Quarters);
        quarter.Property(q => q.DeliveryHour).HasColumnName(DeliveryHour);
    }
}

internal sealed class TradeDayConfiguration : IEntityTypeConfiguration<TradeDay>
{
    public const string Table = "trade_days";
    public const string Key = $"{TradeSumColumns.TraderId}, {TradeSumColumns.DeliveryDay}";

    public void Configure(EntityTypeBuilder<TradeDay> day)
    {
        day.ToTable(Table);
        day.HasKey(d => new { d.TraderId, d.DeliveryDay });
        TradeSumColumns.Map(day);
        day.HasIndex(d => d.DeliveryDay).HasDatabaseName("ix_trade_days_day");
    }
}
