using FlexPower.Core.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public const string Table = "imports";
    public const string Id = "id";
    public const string Source = "source";
    public const string Kind = "kind";
    public const string FileName = "file_name";
    public const string Series = "series";
    public const string Sha256 = "sha256";
    public const string SizeBytes = "size_bytes";
    public const string UserName = "user_name";
    public const string StartedUtc = "started_utc";
    public const string FinishedUtc = "finished_utc";
    public const string Rows = "rows";
    public const string Inserted = "inserted";
    public const string Duplicates = "duplicates";
    public const string Updated = "updated";
    public const string Rejected = "rejected";
    public const string Status = "status";
    public const string Forced = "forced";
    public const string Message = "message";

    public void Configure(EntityTypeBuilder<ImportRecord> import)
    {
        import.ToTable(Table);
        import.HasKey(i => i.Id);
        import.Property(i => i.Id).HasColumnName(Id);
        // Enums are stored by name (Enum.ToString), here and in the ledger's plain SQL (Stores/LedgerStore).
        import.Property(i => i.Source).HasColumnName(Source).HasConversion<string>().HasMaxLength(16);
        import.Property(i => i.Kind).HasColumnName(Kind).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ImportKind.Trades).HasSentinel((ImportKind)(-1));
        import.Property(i => i.FileName).HasColumnName(FileName).HasMaxLength(260);
        import.Property(i => i.Series).HasColumnName(Series).HasMaxLength(32);
        import.Property(i => i.Sha256).HasColumnName(Sha256).HasMaxLength(64);
        import.Property(i => i.SizeBytes).HasColumnName(SizeBytes);
        import.Property(i => i.UserName).HasColumnName(UserName).HasMaxLength(256);
        import.Property(i => i.StartedUtc).HasColumnName(StartedUtc);
        import.Property(i => i.FinishedUtc).HasColumnName(FinishedUtc);
        import.Property(i => i.Rows).HasColumnName(Rows);
        import.Property(i => i.Inserted).HasColumnName(Inserted);
        import.Property(i => i.Duplicates).HasColumnName(Duplicates);
        import.Property(i => i.Updated).HasColumnName(Updated).HasDefaultValue(0).HasSentinel(-1);
        import.Property(i => i.Rejected).HasColumnName(Rejected);
        import.Property(i => i.Status).HasColumnName(Status).HasConversion<string>().HasMaxLength(16);
        import.Property(i => i.Forced).HasColumnName(Forced);
        import.Property(i => i.Message).HasColumnName(Message);
        import.HasIndex(i => i.Sha256).HasDatabaseName("ix_imports_sha256");
        import.HasIndex(i => i.FileName).HasDatabaseName("ix_imports_file_name");
    }
}
