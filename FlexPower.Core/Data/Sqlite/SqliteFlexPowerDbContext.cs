using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace FlexPower.Core.Data.Sqlite;

/// <summary>The model on SQLite, with its migrations in Data/Sqlite/Migrations.</summary>
public sealed class SqliteFlexPowerDbContext(DbContextOptions<SqliteFlexPowerDbContext> options) : FlexPowerDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateOnly>().HaveConversion<SqliteStorage.DayConverter>();
        configuration.Properties<DateTime>().HaveConversion<SqliteStorage.InstantConverter>();
    }
}

/// <summary>Lets `dotnet ef migrations add X --context SqliteFlexPowerDbContext` build the model without the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteFlexPowerDbContext>
{
    public SqliteFlexPowerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFlexPowerDbContext>().UseSqlite("Data Source=design-time.db").AddInterceptors(new SqliteFunctions.Registration()).Options);
}
