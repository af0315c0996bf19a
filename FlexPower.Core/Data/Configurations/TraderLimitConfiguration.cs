using FlexPower.Core.Limits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class TraderLimitConfiguration : IEntityTypeConfiguration<TraderLimit>
{
    public void Configure(EntityTypeBuilder<TraderLimit> limit)
    {
        limit.ToTable("trader_limits");
        limit.HasKey(l => l.TraderId);
        limit.Property(l => l.TraderId).HasColumnName("trader_id").HasMaxLength(64);
        limit.Property(l => l.MaxOpenMw).HasColumnName("max_open_mw");
        limit.Property(l => l.MaxDailyLossCents).HasColumnName("max_daily_loss_cents");
        limit.Property(l => l.UpdatedUtc).HasColumnName("updated_utc");
        limit.Property(l => l.UpdatedBy).HasColumnName("updated_by").HasMaxLength(256);
    }
}
