using FlexPower.Core.Prices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class ReferencePriceConfiguration : IEntityTypeConfiguration<ReferencePrice>
{
    public void Configure(EntityTypeBuilder<ReferencePrice> price)
    {
        price.ToTable("reference_prices");
        price.HasKey(p => new { p.Series, p.DeliveryDay, p.DeliveryHour });
        price.Property(p => p.Series).HasColumnName("series").HasMaxLength(32);
        price.Property(p => p.DeliveryDay).HasColumnName("delivery_day");
        price.Property(p => p.DeliveryHour).HasColumnName("delivery_hour");
        price.Property(p => p.PriceCents).HasColumnName("price_cents");
        price.Property(p => p.ImportId).HasColumnName("import_id");
    }
}
