using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FlexPower.Core.Data.Postgres;

/// <summary>The model on PostgreSQL (days as <c>date</c>, instants as <c>timestamptz</c>), with its migrations in Data/Postgres/Migrations.</summary>
public sealed class PostgresFlexPowerDbContext(DbContextOptions<PostgresFlexPowerDbContext> options) : FlexPowerDbContext(options);

/// <summary>Lets `dotnet ef migrations add X --context PostgresFlexPowerDbContext` build the model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresFlexPowerDbContext>
{
    public PostgresFlexPowerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresFlexPowerDbContext>().UseNpgsql("Host=localhost;Database=flexpower_design_time").Options);
}
