using FlexPower.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const string Table = "audit_entries";
    public const string AtUtc = "at_utc";
    public const string UserName = "user_name";
    public const string Address = "address";
    public const string Kind = "kind";
    public const string Subject = "subject";
    public const string Before = "before";
    public const string After = "after";

    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable(Table);
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).HasColumnName("id");
        entry.Property(e => e.AtUtc).HasColumnName(AtUtc);
        entry.Property(e => e.UserName).HasColumnName(UserName).HasMaxLength(256);
        entry.Property(e => e.Address).HasColumnName(Address).HasMaxLength(64);
        entry.Property(e => e.Kind).HasColumnName(Kind).HasMaxLength(40);
        entry.Property(e => e.Subject).HasColumnName(Subject).HasMaxLength(200);
        entry.Property(e => e.Before).HasColumnName(Before);
        entry.Property(e => e.After).HasColumnName(After);
        entry.HasIndex(e => e.AtUtc).HasDatabaseName("ix_audit_entries_at");
        entry.HasIndex(e => new { e.UserName, e.AtUtc }).HasDatabaseName("ix_audit_entries_user_at");
        entry.HasIndex(e => new { e.Kind, e.AtUtc }).HasDatabaseName("ix_audit_entries_kind_at");
    }
}
