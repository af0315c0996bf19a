using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
using FlexPower.Core.Data.Postgres;
using FlexPower.Core.Data.Sqlite;
using FlexPower.Core.Data.TradeWrites;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Core.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseServices
{
    /// <summary>The configured provider's context behind <see cref="FlexPowerDbContext"/>, and the provider's own services.</summary>
    public static DatabaseProvider AddFlexPowerDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection("Database"));
        var provider = ProviderOf(configuration);
        services.AddSingleton(new DatabaseIdentity(provider));
        services.AddSingleton<PlainConnections>();
        services.AddSingleton<DatabaseReadiness>();
        services.AddSingleton<DatabaseOutage>();
        services.AddSingleton<DatabaseStatus>();
        var configured = configuration.GetConnectionString("FlexPower");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(configured))
                throw new StartupFailedException("ConnectionStrings:FlexPower is empty: with Database:Provider=Postgres it must name the server, e.g. Host=db.example;Database=flexpower;Username=flexpower;Password=… (use an environment variable for the password).");
            NpgsqlDataSource dataSource;
            PostgresConnection connection;
            try
            {
                connection = new PostgresConnection(configured);
                dataSource = NpgsqlDataSource.Create(connection.Pooled);
            }
            catch (ArgumentException e)
            {
                throw new StartupFailedException($"ConnectionStrings:FlexPower is not a PostgreSQL connection string: {e.Message.TrimEnd('.')}. Example: Host=db.example;Database=flexpower;Username=flexpower.");
            }
            services.AddSingleton(dataSource);
            services.AddSingleton(connection);
            services.AddSingleton<ILeaderLease, PostgresLeaderLease>();
            services.AddSingleton<IChangeBroadcast, PostgresChangeBroadcast>();
            services.AddPooledDbContextFactory<PostgresFlexPowerDbContext>(options => options.UseNpgsql(dataSource).QuietFailures());
            services.AddSingleton<ITradeWriter, PostgresTradeWriter>();
            services.AddSingleton<IDbContextFactory<FlexPowerDbContext>, ProviderContextFactory<PostgresFlexPowerDbContext>>();
            services.AddSingleton<IDatabaseHealth, PostgresHealth>();
        }
        else
        {
            string connectionString;
            try
            {
                connectionString = DatabaseSetup.ResolveConnectionString(configured, contentRoot);
            }
            catch (ArgumentException e)
            {
                throw new StartupFailedException($"ConnectionStrings:FlexPower is not a SQLite connection string: {e.Message.TrimEnd('.')}. Example: Data Source=data/flexpower.db.");
            }
            var fileGuard = new SqliteFileGuard(connectionString);
            services.AddSingleton(fileGuard);
            services.AddSingleton<IDatabaseHealth>(fileGuard);
            services.AddSingleton(new FlexPowerDatabase(connectionString));
            services.AddSingleton<ITradeWriter, SqliteTradeWriter>();
            services.AddSingleton<ILeaderLease>(new SqliteLeaderLease(connectionString));
            services.AddPooledDbContextFactory<SqliteFlexPowerDbContext>(options => options.UseSqlite(connectionString).QuietFailures().AddInterceptors(new SqliteFileGuard.BeforeSaving(fileGuard), new SqliteFileGuard.AroundTransactions(fileGuard), new SqliteFunctions.Registration()));
            services.AddSingleton<IDbContextFactory<FlexPowerDbContext>, ProviderContextFactory<SqliteFlexPowerDbContext>>();
        }
        // Identity's stores take the context per scope.
        services.AddScoped<FlexPowerDbContext>(sp => sp.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContext());
        return provider;
    }

    /// <summary>
    /// EF Core logs every failed connection, command, query and save at Error level with the exception's stack trace, even
    /// when FlexPower handles it; FlexPower says what went wrong itself (a 503 logged once per outage, a job's own line), so
    /// EF's copies go to Debug: the console gets one line per episode, not a stack trace per request.
    /// </summary>
    private static DbContextOptionsBuilder QuietFailures(this DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Log(
            (RelationalEventId.ConnectionError, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    private static DatabaseProvider ProviderOf(IConfiguration configuration) => configuration["Database:Provider"]?.Trim() switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var name when Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider) => provider,
        var name => throw new StartupFailedException($"Database:Provider '{name}' is unknown: use Sqlite (the embedded default) or Postgres."),
    };
}

/// <summary>Which provider this process runs on, for the few places that must know (bulk paths, start-up checks).</summary>
public sealed record DatabaseIdentity(DatabaseProvider Provider);

/// <summary>Whether the database takes writes right now: null when it does, otherwise why not (the health check).</summary>
public interface IDatabaseHealth
{
    Task<string?> ProblemAsync(CancellationToken cancellationToken);
}
