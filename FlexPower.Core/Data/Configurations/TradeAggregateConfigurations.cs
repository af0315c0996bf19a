using FlexPower.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

/// <summary>The columns <c>trade_hours</c> and <c>trade_days</c> share: a trader's sums of one delivery hour or day.</summary>
internal static class TradeSumColumns
{
    public const string TraderId = "trader_id";
    public const string DeliveryDay = "delivery_day";
    public const string TradeCount = "trade_count";
    public const string BuyMw = "buy_mw";
    public const string SellMw = "sell_mw";
    public const string BuyCents = "buy_cents";
    public const string SellCents = "sell_cents";

    /// <summary>The sums, in the order the writers bind them after the key.</summary>
    public const string Sums = $"{TradeCount}, {BuyMw}, {SellMw}, {BuyCents}, {SellCents}";

    /// <summary>An upsert's SET clause that adds the new sums to a stored row aliased <c>a</c>.</summary>
    public const string AddSums = $"""
        {TradeCount} = a.{TradeCount} + excluded.{TradeCount}, {BuyMw} = a.{BuyMw} + excluded.{BuyMw}, {SellMw} = a.{SellMw} + excluded.{SellMw},
        {BuyCents} = a.{BuyCents} + excluded.{BuyCents}, {SellCents} = a.{SellCents} + excluded.{SellCents}
        """;

    public static void Map<T>(EntityTypeBuilder<T> sums) where T : class
    {
        sums.Property<string>(nameof(TradeHour.TraderId)).HasColumnName(TraderId);
        sums.Property<DateOnly>(nameof(TradeHour.DeliveryDay)).HasColumnName(DeliveryDay);
        sums.Property<int>(nameof(TradeHour.TradeCount)).HasColumnName(TradeCount);
        sums.Property<long>(nameof(TradeHour.BuyMw)).HasColumnName(BuyMw);
        sums.Property<long>(nameof(TradeHour.SellMw)).HasColumnName(SellMw);
        sums.Property<long>(nameof(TradeHour.BuyCents)).HasColumnName(BuyCents);
        sums.Property<long>(nameof(TradeHour.SellCents)).HasColumnName(SellCents);
    }
}

internal sealed class TradeHourConfiguration : IEntityTypeConfiguration<TradeHour>
{
    public const string Table = "trade_hours";
    public const string DeliveryHour = "delivery_hour";
    public const string Key = $"{TradeSumColumns.TraderId}, {TradeSumColumns.DeliveryDay}, {DeliveryHour}";

    public void Configure(EntityTypeBuilder<TradeHour> hour)
    {
        hour.ToTable(Table);
        hour.HasKey(h => new { h.TraderId, h.DeliveryDay, h.DeliveryHour });
        TradeSumColumns.Map(hour);
        hour.Property(h => h.DeliveryHour).HasColumnName(DeliveryHour);
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
