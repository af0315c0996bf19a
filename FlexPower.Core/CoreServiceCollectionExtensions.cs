using FlexPower.Core.Accounts;
using FlexPower.Core.Alerts;
using FlexPower.Core.Alerts.Delivery;
using FlexPower.Core.Audit;
using FlexPower.Core.Limits;
using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Postgres;
using FlexPower.Core.Data.TradeWrites;
using FlexPower.Core.Demo;
using FlexPower.Core.Import;
using FlexPower.Core.Planning;
using FlexPower.Core.Prices;
using FlexPower.Core.Reports;
using FlexPower.Core.Telemetry;
using FlexPower.Core.Tokens;
using FlexPower.Core.Trades;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlexPower.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Database, Identity (users, roles, password and lockout policy), the Core services and their background work.</summary>
    public static IServiceCollection AddFlexPowerCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = services.AddFlexPowerDatabase(configuration, contentRoot);
        services.TryAddSingleton(TimeProvider.System);

        services.AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.AllowedForNewUsers = true;
                // A backstop for guessing spread over many addresses; LoginThrottle stops one address after 5.
                options.Lockout.MaxFailedAccessAttempts = 20;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FlexPowerDbContext>()
            .AddClaimsPrincipalFactory<FlexPowerClaimsFactory>();

        services.Configure<BootstrapOptions>(configuration.GetSection("Bootstrap"));
        services.AddSingleton<AccountService>();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<CredentialChecker>();
        services.AddScoped<AccountStamps>();
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AccountBootstrapper>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<ChangeNotifier>();
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection("Cluster"));
        services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidation>();
        services.AddSingleton<LeaderElection>();
        services.AddSingleton<TradeCommitQueue>();
        services.AddSingleton<TradeService>();
        services.AddSingleton<ImportLedger>();
        services.AddSingleton<ImportService>();
        services.AddOptions<ImportOptions>().Bind(configuration.GetSection("Import")).PostConfigure(options =>
        {
            options.InboxDirectory = Path.GetFullPath(options.InboxDirectory, contentRoot);
            options.ArchiveDirectory = Path.GetFullPath(options.ArchiveDirectory, contentRoot);
            options.FailedDirectory = Path.GetFullPath(options.FailedDirectory, contentRoot);
        });
        services.AddSingleton<IValidateOptions<ImportOptions>, ImportOptionsValidation>();
        services.AddSingleton<ImportInbox>();
        services.AddSingleton<AggregateCheck>();
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection("Reports"))
            .Validate(o => PriceRules.IsSeriesName(o.ReferenceSeries), $"Reports:ReferenceSeries must be a series name: 1 to {PriceRules.MaxSeriesLength} lower-case letters, digits, '-' or '_' (e.g. day-ahead).")
            .ValidateOnStart();
        services.AddSingleton<ReportService>();
        services.AddSingleton<MarkRefresher>();
        services.AddSingleton<PriceService>();
        services.AddSingleton<PriceImportService>();
        services.AddSingleton<ScenarioService>();
        services.AddSingleton<MissingFileMonitor>();
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection("Alerts"));
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidation>();
        services.AddSingleton<AlertWriter>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<IAlertChannel, WebhookChannel>();
        services.AddSingleton<IAlertChannel, EmailChannel>();
        services.AddSingleton<AlertSender>();
        services.AddSingleton<LimitService>();

        // What reacts to every change, by whichever route it comes, in the web host and in a command-line verb.
        services.AddSingleton<LimitMonitor>();
        services.AddSingleton<IChangeListener>(sp => sp.GetRequiredService<LimitMonitor>());
        services.AddSingleton<IChangeListener>(sp => sp.GetRequiredService<MissingFileMonitor>());

        // Background work, the one list of it: a web host runs it, a command-line verb does not.
        services.AddHostedService(sp => sp.GetRequiredService<LeaderElection>());
        if (provider == DatabaseProvider.Postgres) services.AddHostedService<PostgresChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<MarkRefresher>());
        services.AddHostedService<AlertSenderWorker>();
        var inboxWatched = configuration.GetValue("Import:Enabled", true);
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<Gauges>(sp, inboxWatched));
        // The exchange's nightly drop: the inbox watcher and the missing-file checks (Import:Enabled=false turns both off).
        if (inboxWatched)
        {
            services.AddHostedService<ImportInboxWorker>();
            services.AddHostedService<MissingFileMonitorWorker>();
        }
        return services;
    }

    /// <summary>
    /// Creates or upgrades the database: all a batch command needs before it works on it. Returns the migrations it applied.
    /// It goes on in the background at once (the caller may read a file meanwhile); uses of the database wait for it through
    /// <see cref="DatabaseReadiness"/>.
    /// </summary>
    public static Task<IReadOnlyList<string>> PrepareDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var preparing = Task.Run(() => DatabaseSetup.PrepareAsync(services, cancellationToken), cancellationToken);
        services.GetRequiredService<DatabaseReadiness>().Preparing(preparing);
        return preparing;
    }

    /// <summary>Startup work, before the app serves a request: schema, roles, first manager, demo data.</summary>
    public static async Task InitializeFlexPowerAsync(this IServiceProvider services, IConfiguration configuration, TextWriter console)
    {
        // Settings are read (and a bad one reported) before anything is written.
        _ = services.GetRequiredService<IOptions<ImportOptions>>().Value;
        _ = services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ReportOptions>>().Value;
        _ = services.GetRequiredService<IOptions<AlertOptions>>().Value;
        _ = services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        await services.PrepareDatabaseAsync();
        if (ImportSpool.RemoveStale(services.GetRequiredService<TimeProvider>()) is > 0 and var removed)
            services.GetRequiredService<ILogger<ImportService>>().LogInformation("Removed {Count} upload spool files left by stopped processes", removed);
        await services.GetRequiredService<AccountBootstrapper>().EnsureRolesAndManagerAsync(console);
        if (configuration.GetValue<bool>("Demo:Seed"))
            await services.GetRequiredService<DemoSeeder>().SeedAsync(console);
    }
}
