using FlexPower.Core.Accounts;
using FlexPower.Core.Import;
using FlexPower.Core.Planning;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Data;

public sealed class FlexPowerDbContext(DbContextOptions<FlexPowerDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole, string>(options)
{
    public DbSet<Trade> Trades => Set<Trade>();
    public DbSet<ImportRecord> Imports => Set<ImportRecord>();
    public DbSet<ImportRejection> ImportRejections => Set<ImportRejection>();
    public DbSet<TradeHour> TradeHours => Set<TradeHour>();
    public DbSet<TradeDay> TradeDays => Set<TradeDay>();
    public DbSet<PlannerScenario> PlannerScenarios => Set<PlannerScenario>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FlexPowerDbContext).Assembly);
    }
}
