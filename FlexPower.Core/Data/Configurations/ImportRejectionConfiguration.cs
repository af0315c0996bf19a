using FlexPower.Core.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class ImportRejectionConfiguration : IEntityTypeConfiguration<ImportRejection>
{
    public const string Table = "import_rejections";
    public const string Id = "id";
    public const string ImportId = "import_id";
    public const string Line = "line";
    public const string Raw = "raw";
    public const string Reason = "reason";

    public void Configure(EntityTypeBuilder<ImportRejection> rejection)
    {
        rejection.ToTable(Table);
        rejection.HasKey(r => r.Id);
        rejection.Property(r => r.Id).HasColumnName(Id);
        rejection.Property(r => r.ImportId).HasColumnName(ImportId);
        rejection.Property(r => r.Line).HasColumnName(Line);
        rejection.Property(r => r.Raw).HasColumnName(Raw);
        rejection.Property(r => r.Reason).HasColumnName(Reason);
        rejection.HasOne<ImportRecord>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        rejection.HasIndex(r => new { r.ImportId, r.Line }).HasDatabaseName("ix_import_rejections_import_line");
    }
}
