using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Support;

/// <summary>
/// The whole app on real Kestrel at a free loopback port, on a database of its own (demo data by default), in the
/// Development environment so static web assets are served from the build like `dotnet run` does.
/// </summary>
public sealed class KestrelApp : IAsyncDisposable
{
    private readonly TempDatabase? ownDatabase;
    private readonly FlexPowerFactory factory;

    private KestrelApp(TempDatabase? ownDatabase, FlexPowerFactory factory, string baseUrl) => (this.ownDatabase, this.factory, BaseUrl) = (ownDatabase, factory, baseUrl);

    public const string ManagerName = FlexPowerFactory.ManagerName;
    public const string ManagerPassword = FlexPowerFactory.ManagerPassword;

    public string BaseUrl { get; }
    public IServiceProvider Services => factory.Services;

    public static KestrelApp Start(bool seedDemo = true, string environment = "Development") => Start(new TempDatabase(), ownsDatabase: true, seedDemo, environment);

    /// <summary>An instance on a database the caller owns, which other instances may share (PostgreSQL).</summary>
    public static KestrelApp Start(TempDatabase database, bool ownsDatabase = false, bool seedDemo = true, string environment = "Development")
    {
        var factory = new FlexPowerFactory(database, seedDemo, environment: environment);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelApp(ownsDatabase ? database : null, factory, address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/'));
    }

    /// <summary>
    /// Stops serving while the test keeps its browser page: at once, dropping open connections (a lost connection), or
    /// gracefully, waiting up to <paramref name="grace"/> for requests still in flight.
    /// </summary>
    public async Task StopServingAsync(TimeSpan? grace = null)
    {
        using var timeout = new CancellationTokenSource(grace ?? TimeSpan.Zero);
        await factory.Services.GetRequiredService<IServer>().StopAsync(timeout.Token);
    }

    /// <summary>An HTTP Basic client for the app's API (the manager's by default).</summary>
    public HttpClient Api(string userName = ManagerName, string password = ManagerPassword) =>
        new() { BaseAddress = new Uri(BaseUrl), DefaultRequestHeaders = { Authorization = FlexPowerFactory.Basic(userName, password) } };

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        if (ownDatabase is not null) await ownDatabase.DisposeAsync();
    }
}
