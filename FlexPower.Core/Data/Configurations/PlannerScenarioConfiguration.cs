using FlexPower.Core.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FlexPower.Core.Data.Configurations;

internal sealed class PlannerScenarioConfiguration : IEntityTypeConfiguration<PlannerScenario>
{
    public void Configure(EntityTypeBuilder<PlannerScenario> scenario)
    {
        scenario.ToTable("planner_scenarios");
        scenario.HasKey(s => s.Id);
        scenario.Property(s => s.Id).HasColumnName("id");
        scenario.Property(s => s.Name).HasColumnName("name").HasMaxLength(100);
        scenario.Property(s => s.OwnerUserName).HasColumnName("owner_user_name").HasMaxLength(256);
        scenario.Property(s => s.PayloadJson).HasColumnName("payload_json");
        scenario.Property(s => s.IncludeCo2).HasColumnName("include_co2");
        scenario.Property(s => s.SavedUtc).HasColumnName("saved_utc");
        scenario.HasIndex(s => new { s.OwnerUserName, s.Name }).IsUnique().HasDatabaseName("ux_planner_scenarios_owner_name");
    }
}
