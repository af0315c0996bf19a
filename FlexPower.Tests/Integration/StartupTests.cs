using System.Net;
using System.Net.Http.Json;
using FlexPower.Core;
using FlexPower.Core.Accounts;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

public sealed class StartupTests : IDisposable
{
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Bootstrap_NoUsers_CreatesTheConfiguredManager()
    {
        using var factory = new FlexPowerFactory(database);
        var response = await factory.CreateApiClient().GetAsync("/v1/users", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"user_name\":\"boss\",\"role\":\"Manager\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("json")]
    public async Task ConsoleLog_IsOneLinePerEvent_ReadableByDefault_JsonWhenConfigured(string? formatter)
    {
        await using var app = await AppProcess.StartAsync(seedDemo: false,
            settings: formatter is null ? null : new() { ["Logging__Console__FormatterName"] = formatter });

        var listening = app.Output.Split('\n').Single(l => l.Contains("Now listening on"));
        if (formatter is null)
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z info: Microsoft.Hosting.Lifetime\[14\] Now listening on: http://127.0.0.1:\d+", listening);
            return;
        }
        using var json = System.Text.Json.JsonDocument.Parse(listening);
        Assert.Equal("Microsoft.Hosting.Lifetime", json.RootElement.GetProperty("Category").GetString());
        Assert.EndsWith("Z", json.RootElement.GetProperty("Timestamp").GetString());
        Assert.StartsWith("Now listening on: http://127.0.0.1:", json.RootElement.GetProperty("Message").GetString());
    }

    [Fact]
    public async Task Bootstrap_NoPasswordConfigured_PrintsAGeneratedPasswordThatSignsIn()
    {
        await using var services = CoreServices(new() { ["Demo:Seed"] = "false" });
        var console = new StringWriter();

        await services.InitializeFlexPowerAsync(services.GetRequiredService<IConfiguration>(), console);

        var printed = console.ToString().Split('\n').Single(l => l.Contains("password:")).Split(':', 2)[1].Trim();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByNameAsync("admin");
        Assert.NotNull(admin);
        Assert.True(await users.CheckPasswordAsync(admin, printed));
        Assert.True(await users.IsInRoleAsync(admin, Roles.Manager));

        var secondStart = new StringWriter();
        await services.InitializeFlexPowerAsync(services.GetRequiredService<IConfiguration>(), secondStart);
        Assert.DoesNotContain("password:", secondStart.ToString());
    }

    [Fact]
    public async Task DemoSeed_RunTwice_CreatesTradersAndTradesOnce()
    {
        await using var services = CoreServices(new() { ["Demo:Seed"] = "true", ["Bootstrap:Manager:Password"] = "Boss-Passw0rd!" });
        var configuration = services.GetRequiredService<IConfiguration>();

        await services.InitializeFlexPowerAsync(configuration, TextWriter.Null);
        var (users, trades) = await CountsAsync(services);
        await services.InitializeFlexPowerAsync(configuration, TextWriter.Null);

        Assert.Equal(4, users); // the bootstrap manager and three demo traders
        Assert.InRange(trades, 3_000, 20_000);
        Assert.Equal((users, trades), await CountsAsync(services));
    }

    [Fact]
    public async Task Restart_OnTheSameFile_KeepsUsers()
    {
        using (var first = new FlexPowerFactory(database))
        {
            var created = await first.CreateApiClient().PostAsJsonAsync("/v1/users",
                new { user_name = "dora", password = "Trader-Passw0rd!", role = "Trader", trader_id = "trader_9" }, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var second = new FlexPowerFactory(database);
        var response = await second.CreateApiClient("dora", "Trader-Passw0rd!").GetAsync("/v1/users", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); // authenticated (so the account survived), but a Trader
        Assert.Contains("dora", await second.CreateApiClient().GetStringAsync("/v1/users", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Database_IsInWalModeWithTheLatestSchema()
    {
        using var factory = new FlexPowerFactory(database);
        await factory.CreateApiClient().GetAsync("/health", TestContext.Current.CancellationToken);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal("wal", await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode").SingleAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    private ServiceProvider CoreServices(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:FlexPower"] = database.ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration);
        services.AddFlexPowerCore(configuration, database.Directory);
        return services.BuildServiceProvider();
    }

    private static async Task<(int Users, int Trades)> CountsAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync();
        return (await db.Users.CountAsync(), await db.Trades.CountAsync());
    }
}
