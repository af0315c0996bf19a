using FlexPower.Core.Prices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class ReferencePriceConfiguration : IEntityTypeConfiguration<ReferencePrice>
{
    public const string Table = "reference_prices";
    public const string Series = "series";
    public const string DeliveryDay = "delivery_day";
    public const string FirstQuarter = "first_quarter";
    public const string Quarters = "quarters";
    public const string DeliveryHour = "delivery_hour";
    public const string PriceCents = "price_cents";
    public const string ImportId = "import_id";

    /// <summary>The longest period in quarters (an hour: <see cref="PriceRules.CheckPeriod"/>), as SQL text: a period containing quarter q starts after q − 4.</summary>
    public const string MaxQuarters = "4";

    public void Configure(EntityTypeBuilder<ReferencePrice> price)
    {
        price.ToTable(Table);
        price.HasKey(p => new { p.Series, p.DeliveryDay, p.FirstQuarter });
        price.Property(p => p.Series).HasColumnName(Series).HasMaxLength(32);
        price.Property(p => p.DeliveryDay).HasColumnName(DeliveryDay);
        price.Property(p => p.FirstQuarter).HasColumnName(FirstQuarter);
        price.Property(p => p.Quarters).HasColumnName(Quarters);
        price.Property(p => p.DeliveryHour).HasColumnName(DeliveryHour);
        price.Property(p => p.PriceCents).HasColumnName(PriceCents);
        price.Property(p => p.ImportId).HasColumnName(ImportId);
    }
}
