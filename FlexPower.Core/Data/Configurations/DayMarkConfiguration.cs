using FlexPower.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class DayMarkConfiguration : IEntityTypeConfiguration<DayMark>
{
    public void Configure(EntityTypeBuilder<DayMark> mark)
    {
        mark.ToTable("trade_day_marks");
        mark.HasKey(m => new { m.Series, m.TraderId, m.DeliveryDay });
        mark.Property(m => m.Series).HasColumnName("series").HasMaxLength(32);
        mark.Property(m => m.TraderId).HasColumnName("trader_id");
        mark.Property(m => m.DeliveryDay).HasColumnName("delivery_day");
        mark.Property(m => m.TradeCount).HasColumnName("trade_count");
        mark.Property(m => m.BuyMw).HasColumnName("buy_mw");
        mark.Property(m => m.SellMw).HasColumnName("sell_mw");
        mark.Property(m => m.PriceRows).HasColumnName("price_rows");
        mark.Property(m => m.PriceImportId).HasColumnName("price_import_id");
        mark.Property(m => m.MarkCents).HasColumnName("mark_cents");
        mark.Property(m => m.PricedHours).HasColumnName("priced_hours");
        mark.Property(m => m.UnpricedHours).HasColumnName("unpriced_hours");
    }
}
