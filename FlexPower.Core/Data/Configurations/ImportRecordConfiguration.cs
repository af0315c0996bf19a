using FlexPower.Core.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> import)
    {
        import.ToTable("imports");
        import.HasKey(i => i.Id);
        import.Property(i => i.Id).HasColumnName("id");
        import.Property(i => i.Source).HasColumnName("source").HasConversion<string>().HasMaxLength(16);
        import.Property(i => i.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(16).HasDefaultValue(ImportKind.Trades).HasSentinel((ImportKind)(-1));
        import.Property(i => i.FileName).HasColumnName("file_name").HasMaxLength(260);
        import.Property(i => i.Sha256).HasColumnName("sha256").HasMaxLength(64);
        import.Property(i => i.SizeBytes).HasColumnName("size_bytes");
        import.Property(i => i.UserName).HasColumnName("user_name").HasMaxLength(256);
        import.Property(i => i.StartedUtc).HasColumnName("started_utc");
        import.Property(i => i.FinishedUtc).HasColumnName("finished_utc");
        import.Property(i => i.Rows).HasColumnName("rows");
        import.Property(i => i.Inserted).HasColumnName("inserted");
        import.Property(i => i.Duplicates).HasColumnName("duplicates");
        import.Property(i => i.Updated).HasColumnName("updated").HasDefaultValue(0).HasSentinel(-1);
        import.Property(i => i.Rejected).HasColumnName("rejected");
        import.Property(i => i.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        import.Property(i => i.Forced).HasColumnName("forced");
        import.Property(i => i.Message).HasColumnName("message");
        import.HasIndex(i => i.Sha256).HasDatabaseName("ix_imports_sha256");
        import.HasIndex(i => i.FileName).HasDatabaseName("ix_imports_file_name");
    }
}
