using FlexPower.Core.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class ImportRejectionConfiguration : IEntityTypeConfiguration<ImportRejection>
{
    public void Configure(EntityTypeBuilder<ImportRejection> rejection)
    {
        rejection.ToTable("import_rejections");
        rejection.HasKey(r => r.Id);
        rejection.Property(r => r.Id).HasColumnName("id");
        rejection.Property(r => r.ImportId).HasColumnName("import_id");
        rejection.Property(r => r.Line).HasColumnName("line");
        rejection.Property(r => r.Raw).HasColumnName("raw");
        rejection.Property(r => r.Reason).HasColumnName("reason");
        rejection.HasOne<ImportRecord>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        rejection.HasIndex(r => new { r.ImportId, r.Line }).HasDatabaseName("ix_import_rejections_import_line");
    }
}
