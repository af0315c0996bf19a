using FlexPower.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.Property(u => u.TraderId).HasMaxLength(64);
        user.HasIndex(u => u.TraderId).HasDatabaseName("IX_AspNetUsers_TraderId");
    }
}
