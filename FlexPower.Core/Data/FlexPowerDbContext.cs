using FlexPower.Core.Accounts;
using FlexPower.Core.Alerts;
using FlexPower.Core.Audit;
using FlexPower.Core.Import;
using FlexPower.Core.Limits;
using FlexPower.Core.Planning;
using FlexPower.Core.Prices;
using FlexPower.Core.Reports;
using FlexPower.Core.Tokens;
using FlexPower.Core.Trades;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FlexPower.Core.Data;

/// <summary>
/// The model, shared by every database provider. Each provider has a sealed subclass (with its own migrations and
/// storage conventions); the rest of the code only ever sees this type.
/// </summary>
public abstract class FlexPowerDbContext(DbContextOptions options) : IdentityDbContext<AppUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>The key ring that protects login cookies, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Trade> Trades => Set<Trade>();
    public DbSet<ImportRecord> Imports => Set<ImportRecord>();
    public DbSet<ImportRejection> ImportRejections => Set<ImportRejection>();
    public DbSet<TradeQuarter> TradeQuarters => Set<TradeQuarter>();
    public DbSet<TradeDay> TradeDays => Set<TradeDay>();
    public DbSet<PlannerScenario> PlannerScenarios => Set<PlannerScenario>();
    public DbSet<ReferencePrice> ReferencePrices => Set<ReferencePrice>();
    public DbSet<DayMark> DayMarks => Set<DayMark>();
    public DbSet<TraderLimit> TraderLimits => Set<TraderLimit>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<AlertDelivery> AlertDeliveries => Set<AlertDelivery>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(FlexPowerDbContext).Assembly);
    }
}
