using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Support;

/// <summary>The whole app in memory (TestServer) on a database of its own (SQLite file or PostgreSQL), with a known bootstrap manager.</summary>
public sealed class FlexPowerFactory(TempDatabase database, bool seedDemo = false, TimeProvider? clock = null, string environment = "Testing",
    Dictionary<string, string?>? settings = null, LogCapture? logs = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public const string ManagerName = "boss";
    public const string ManagerPassword = "Boss-Passw0rd!";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in database.Settings) builder.UseSetting(key, value);
        builder.UseSetting("Bootstrap:Manager:UserName", ManagerName);
        builder.UseSetting("Bootstrap:Manager:Password", ManagerPassword);
        builder.UseSetting("Demo:Seed", seedDemo ? "true" : "false");
        // Never the developer's own data/inbox: each host watches folders of its own.
        var root = Path.Combine(database.Directory, "import");
        builder.UseSetting("Import:InboxDirectory", Path.Combine(root, "inbox"));
        builder.UseSetting("Import:ArchiveDirectory", Path.Combine(root, "archive"));
        builder.UseSetting("Import:FailedDirectory", Path.Combine(root, "failed"));
        foreach (var (key, value) in settings ?? []) builder.UseSetting(key, value);
        if (clock is not null)
            builder.ConfigureServices(services => services.AddSingleton(clock));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        if (logs is not null) builder.ConfigureServices(services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));
        if (services is not null) builder.ConfigureServices(services);
    }

    /// <summary>The in-memory server has no client address; tests name one in this header to act from several.</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var address))
                    context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public HttpClient CreateApiClient(string? userName = ManagerName, string? password = ManagerPassword, string? clientAddress = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (userName is not null) client.DefaultRequestHeaders.Authorization = Basic(userName, password ?? "");
        if (clientAddress is not null) client.DefaultRequestHeaders.Add(ClientAddressHeader, clientAddress);
        return client;
    }

    public static System.Net.Http.Headers.AuthenticationHeaderValue Basic(string userName, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{userName}:{password}")));
}
