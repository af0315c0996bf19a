using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Schema;
using FlexPower.Core.Demo;
using FlexPower.Core.Import;
using FlexPower.Core.Planning;
using FlexPower.Core.Reports;
using FlexPower.Core.Trades;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FlexPower.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Database, Identity (users, roles, password and lockout policy) and the Core services.</summary>
    public static IServiceCollection AddFlexPowerCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connectionString = DatabaseSetup.ResolveConnectionString(configuration.GetConnectionString("FlexPower"), contentRoot);
        services.AddDbContextFactory<FlexPowerDbContext>(options => options.UseSqlite(connectionString));
        services.AddSingleton(new FlexPowerDatabase(connectionString));
        services.TryAddSingleton(TimeProvider.System);

        services.AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FlexPowerDbContext>()
            .AddClaimsPrincipalFactory<FlexPowerClaimsFactory>()
            .AddSignInManager<FlexPowerSignInManager>()
            .AddDefaultTokenProviders();

        services.Configure<BootstrapOptions>(configuration.GetSection("Bootstrap"));
        services.AddSingleton<AccountService>();
        services.AddSingleton<AccountBootstrapper>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<TradeNotifier>();
        services.AddSingleton<TradeService>();
        services.AddSingleton<ImportLedger>();
        services.AddSingleton<ITradeBulkWriter, SqliteTradeWriter>();
        services.AddSingleton<ImportService>();
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection("Import")).PostConfigure(options =>
        {
            options.InboxDirectory = Path.GetFullPath(options.InboxDirectory, contentRoot);
            options.ArchiveDirectory = Path.GetFullPath(options.ArchiveDirectory, contentRoot);
            options.FailedDirectory = Path.GetFullPath(options.FailedDirectory, contentRoot);
        });
        services.AddSingleton<ImportInbox>();
        services.AddSingleton<AggregateCheck>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<ScenarioService>();
        services.AddSingleton<MissingFileMonitor>();
        return services;
    }

    /// <summary>Startup work, before the app serves a request: schema, roles, first manager, demo data.</summary>
    public static async Task InitializeFlexPowerAsync(this IServiceProvider services, IConfiguration configuration, TextWriter console)
    {
        await DatabaseSetup.PrepareAsync(services.GetRequiredService<FlexPowerDatabase>(), services.GetRequiredService<ILogger<SchemaUpgrader>>());
        await services.GetRequiredService<AccountBootstrapper>().EnsureRolesAndManagerAsync(console);
        if (configuration.GetValue<bool>("Demo:Seed"))
            await services.GetRequiredService<DemoSeeder>().SeedAsync(console);
    }
}
