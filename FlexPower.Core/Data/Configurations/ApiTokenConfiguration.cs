using FlexPower.Core.Accounts;
using FlexPower.Core.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("api_tokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Id).HasColumnName("id");
        token.Property(t => t.UserId).HasColumnName("user_id").HasMaxLength(450);
        token.Property(t => t.Name).HasColumnName("name").HasMaxLength(100);
        token.Property(t => t.Scopes).HasColumnName("scopes").HasMaxLength(64);
        token.Property(t => t.SecretHash).HasColumnName("secret_hash").HasMaxLength(32);
        token.Property(t => t.Hint).HasColumnName("hint").HasMaxLength(16);
        token.Property(t => t.CreatedUtc).HasColumnName("created_utc");
        token.Property(t => t.ExpiresUtc).HasColumnName("expires_utc");
        token.Property(t => t.LastUsedUtc).HasColumnName("last_used_utc");
        token.Property(t => t.RevokedUtc).HasColumnName("revoked_utc");
        token.Property(t => t.RevokedBy).HasColumnName("revoked_by").HasMaxLength(256);
        token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.HasIndex(t => t.SecretHash).IsUnique().HasDatabaseName("ux_api_tokens_secret_hash");
        token.HasIndex(t => t.UserId).HasDatabaseName("ix_api_tokens_user");
    }
}
