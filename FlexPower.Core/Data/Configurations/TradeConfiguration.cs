using FlexPower.Core.Trades;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class TradeConfiguration : IEntityTypeConfiguration<Trade>
{
    public void Configure(EntityTypeBuilder<Trade> trade)
    {
        trade.ToTable("trades");
        trade.HasKey(t => t.Id);
        trade.Property(t => t.Id).HasColumnName("id").HasMaxLength(64);
        trade.Property(t => t.TraderId).HasColumnName("trader_id").HasMaxLength(64);
        trade.Property(t => t.DeliveryDay).HasColumnName("delivery_day");
        trade.Property(t => t.DeliveryHour).HasColumnName("delivery_hour");
        trade.Property(t => t.Direction).HasColumnName("direction")
            .HasConversion(d => StoredText.Direction(d), s => StoredText.ParseDirection(s))
            .HasMaxLength(4);
        trade.Property(t => t.Price).HasColumnName("price");
        trade.Property(t => t.Quantity).HasColumnName("quantity");
        trade.Property(t => t.ExecutionTimeUtc).HasColumnName("execution_time_utc");

        trade.HasIndex(t => new { t.TraderId, t.DeliveryDay, t.DeliveryHour }).HasDatabaseName("ix_trades_trader_day_hour");
        trade.HasIndex(t => t.DeliveryDay).HasDatabaseName("ix_trades_day");
    }
}
