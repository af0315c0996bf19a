using FlexPower.Core.Trades;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

/// <summary>How a trade is stored. The names are the ones every SQL statement under Data/ uses (the bulk writers' column order is <see cref="TradeWrites.StoredTrade"/>).</summary>
internal sealed class TradeConfiguration : IEntityTypeConfiguration<Trade>
{
    public const string Table = "trades";
    public const string Id = "id";
    public const string TraderId = "trader_id";
    public const string DeliveryDay = "delivery_day";
    public const string DeliveryHour = "delivery_hour";
    public const string DeliveryStartUtc = "delivery_start_utc";
    public const string DeliveryEndUtc = "delivery_end_utc";
    public const string Product = "product";
    public const string Direction = "direction";
    public const string Price = "price";

    /// <summary>Tenths of MW (0.1 MW steps); named for its unit, so no SQL written for whole MW reads it unawares.</summary>
    public const string QuantityTenths = "quantity_tenths";
    public const string ExecutionTimeUtc = "execution_time_utc";

    public void Configure(EntityTypeBuilder<Trade> trade)
    {
        trade.ToTable(Table);
        trade.HasKey(t => t.Id);
        trade.Property(t => t.Id).HasColumnName(Id).HasMaxLength(64);
        trade.Property(t => t.TraderId).HasColumnName(TraderId).HasMaxLength(64);
        trade.Property(t => t.DeliveryDay).HasColumnName(DeliveryDay);
        trade.Property(t => t.DeliveryHour).HasColumnName(DeliveryHour);
        trade.Property(t => t.DeliveryStartUtc).HasColumnName(DeliveryStartUtc);
        trade.Property(t => t.DeliveryEndUtc).HasColumnName(DeliveryEndUtc);
        trade.Property(t => t.Product).HasColumnName(Product).HasMaxLength(TradeRules.MaxProductLength);
        trade.Property(t => t.Direction).HasColumnName(Direction)
            .HasConversion(d => StoredText.Direction(d), s => StoredText.ParseDirection(s))
            .HasMaxLength(4);
        trade.Property(t => t.Price).HasColumnName(Price);
        trade.Property(t => t.QuantityTenths).HasColumnName(QuantityTenths);
        trade.Property(t => t.ExecutionTimeUtc).HasColumnName(ExecutionTimeUtc);
        trade.Ignore(t => t.Quantity);
        trade.Ignore(t => t.Length);

        trade.HasIndex(t => new { t.TraderId, t.DeliveryDay, t.DeliveryHour }).HasDatabaseName("ix_trades_trader_day_hour");
        trade.HasIndex(t => t.DeliveryDay).HasDatabaseName("ix_trades_day");
    }
}
