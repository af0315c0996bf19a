using System.Net;
using System.Net.Sockets;
using FlexPower.Core.Common;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Http;

namespace FlexPower.Web.Hosting;

/// <summary>
/// Checks that every address of the <c>Urls</c> setting (<c>--urls</c>) can be listened on before anything starts: the
/// background services start before Kestrel binds, so a taken port would otherwise run the inbox and the alert checks
/// for a moment and end in a page of stack traces from their cancellation.
/// </summary>
public static class ListenAddresses
{
    /// <summary>
    /// For Kestrel only: an in-memory server (the tests') takes no port, so a FlexPower already running on the configured one
    /// must not stop it. (Kestrel's server type is internal; its assembly tells it.)
    /// </summary>
    public static void EnsureFree(WebApplication app)
    {
        if (app.Services.GetRequiredService<IServer>().GetType().Assembly != typeof(KestrelServer).Assembly) return;
        EnsureFree(app.Configuration["urls"]);
    }

    public static void EnsureFree(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var address = Parse(url);
            if (address.IsUnixPipe || address.Port == 0) continue;
            using var probe = new Socket(SocketType.Stream, ProtocolType.Tcp);
            // As Kestrel does: a port whose last connections are still closing (TIME_WAIT) is free to listen on.
            probe.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            try
            {
                probe.Bind(new IPEndPoint(HostAddress(address.Host), address.Port));
                probe.Listen();
            }
            catch (SocketException e)
            {
                throw new StartupFailedException(e.SocketErrorCode switch
                {
                    SocketError.AddressAlreadyInUse => $"{url} is in use: another program (perhaps FlexPower, already running) listens there. Stop it, or choose another address with --urls.",
                    SocketError.AccessDenied => $"{url} may not be listened on by this user (ports below 1024 need the right to bind them). Choose another address with --urls.",
                    _ => $"{url} cannot be listened on ({e.Message}). Choose another address with --urls.",
                });
            }
        }
    }

    private static BindingAddress Parse(string url)
    {
        BindingAddress? address = null;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
        }
        return address is { Port: >= 0 and <= IPEndPoint.MaxPort } ? address
            : throw new StartupFailedException($"'{url}' in --urls (the Urls setting) is not an address with a port from 0 to 65535. Write it as http://localhost:8888 or http://0.0.0.0:8888.");
    }

    /// <summary>Kestrel's reading of the host: an IP literal as itself, localhost as loopback, any other name (*, +, a host name) as every address.</summary>
    private static IPAddress HostAddress(string host) =>
        host == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? ip
        : IPAddress.Any;
}
