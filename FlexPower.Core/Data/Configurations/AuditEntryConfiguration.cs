using FlexPower.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).HasColumnName("id");
        entry.Property(e => e.AtUtc).HasColumnName("at_utc");
        entry.Property(e => e.UserName).HasColumnName("user_name").HasMaxLength(256);
        entry.Property(e => e.Address).HasColumnName("address").HasMaxLength(64);
        entry.Property(e => e.Kind).HasColumnName("kind").HasMaxLength(40);
        entry.Property(e => e.Subject).HasColumnName("subject").HasMaxLength(200);
        entry.Property(e => e.Before).HasColumnName("before");
        entry.Property(e => e.After).HasColumnName("after");
        entry.HasIndex(e => e.AtUtc).HasDatabaseName("ix_audit_entries_at");
        entry.HasIndex(e => new { e.UserName, e.AtUtc }).HasDatabaseName("ix_audit_entries_user_at");
        entry.HasIndex(e => new { e.Kind, e.AtUtc }).HasDatabaseName("ix_audit_entries_kind_at");
    }
}
