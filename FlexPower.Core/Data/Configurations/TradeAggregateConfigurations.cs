using FlexPower.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class TradeHourConfiguration : IEntityTypeConfiguration<TradeHour>
{
    public void Configure(EntityTypeBuilder<TradeHour> hour)
    {
        hour.ToTable("trade_hours");
        hour.HasKey(h => new { h.TraderId, h.DeliveryDay, h.DeliveryHour });
        hour.Property(h => h.TraderId).HasColumnName("trader_id");
        hour.Property(h => h.DeliveryDay).HasColumnName("delivery_day");
        hour.Property(h => h.DeliveryHour).HasColumnName("delivery_hour");
        hour.Property(h => h.TradeCount).HasColumnName("trade_count");
        hour.Property(h => h.BuyMw).HasColumnName("buy_mw");
        hour.Property(h => h.SellMw).HasColumnName("sell_mw");
        hour.Property(h => h.BuyCents).HasColumnName("buy_cents");
        hour.Property(h => h.SellCents).HasColumnName("sell_cents");
    }
}

internal sealed class TradeDayConfiguration : IEntityTypeConfiguration<TradeDay>
{
    public void Configure(EntityTypeBuilder<TradeDay> day)
    {
        day.ToTable("trade_days");
        day.HasKey(d => new { d.TraderId, d.DeliveryDay });
        day.Property(d => d.TraderId).HasColumnName("trader_id");
        day.Property(d => d.DeliveryDay).HasColumnName("delivery_day");
        day.Property(d => d.TradeCount).HasColumnName("trade_count");
        day.Property(d => d.BuyMw).HasColumnName("buy_mw");
        day.Property(d => d.SellMw).HasColumnName("sell_mw");
        day.Property(d => d.BuyCents).HasColumnName("buy_cents");
        day.Property(d => d.SellCents).HasColumnName("sell_cents");
        day.HasIndex(d => d.DeliveryDay).HasDatabaseName("ix_trade_days_day");
    }
}
