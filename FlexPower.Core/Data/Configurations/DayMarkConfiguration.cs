using FlexPower.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class DayMarkConfiguration : IEntityTypeConfiguration<DayMark>
{
    public const string Table = "trade_day_marks";
    public const string Series = "series";
    public const string TraderId = TradeSumColumns.TraderId;
    public const string DeliveryDay = TradeSumColumns.DeliveryDay;
    public const string TradeCount = TradeSumColumns.TradeCount;
    public const string BuyKwh = TradeSumColumns.BuyKwh;
    public const string SellKwh = TradeSumColumns.SellKwh;
    public const string PriceRows = "price_rows";
    public const string PriceImportId = "price_import_id";
    public const string MarkMillicents = "mark_millicents";
    public const string PricedHours = "priced_hours";
    public const string UnpricedHours = "unpriced_hours";

    public void Configure(EntityTypeBuilder<DayMark> mark)
    {
        mark.ToTable(Table);
        mark.HasKey(m => new { m.Series, m.TraderId, m.DeliveryDay });
        mark.Property(m => m.Series).HasColumnName(Series).HasMaxLength(32);
        mark.Property(m => m.TraderId).HasColumnName(TraderId);
        mark.Property(m => m.DeliveryDay).HasColumnName(DeliveryDay);
        mark.Property(m => m.TradeCount).HasColumnName(TradeCount);
        mark.Property(m => m.BuyKwh).HasColumnName(BuyKwh);
        mark.Property(m => m.SellKwh).HasColumnName(SellKwh);
        mark.Property(m => m.PriceRows).HasColumnName(PriceRows);
        mark.Property(m => m.PriceImportId).HasColumnName(PriceImportId);
        mark.Property(m => m.MarkMillicents).HasColumnName(MarkMillicents);
        mark.Property(m => m.PricedHours).HasColumnName(PricedHours);
        mark.Property(m => m.UnpricedHours).HasColumnName(UnpricedHours);
    }
}
