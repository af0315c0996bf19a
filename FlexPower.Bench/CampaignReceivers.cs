using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FlexPower.Bench;

/// <summary>
/// A loopback TCP server for the alert channels: an SMTP sink that accepts every mail, a webhook that takes the request
/// and never answers, or one that answers 200 with a body that never ends.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    public enum Kind { SmtpSink, HangingWebhook, EndlessWebhook }

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Kind kind;
    private readonly Task loop;
    private int mails, requests;
    private long bodyBytesSent;

    public Receiver(Kind kind)
    {
        this.kind = kind;
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public string Url => $"http://127.0.0.1:{Port}/hook";
    public int Mails => Volatile.Read(ref mails);
    public int Requests => Volatile.Read(ref requests);
    public long BodyBytesSent => Interlocked.Read(ref bodyBytesSent);

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stopping.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try { await ServeAsync(client.GetStream()); }
                    catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                    {
                        // the app hung up, or the receiver is stopping
                    }
                }
            });
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { AutoFlush = true, NewLine = "\r\n" };
        if (kind == Kind.SmtpSink)
        {
            await writer.WriteLineAsync("220 campaign SMTP sink");
            while (await reader.ReadLineAsync(stopping.Token) is { } command)
            {
                var verb = command.Split(' ')[0].ToUpperInvariant();
                if (verb == "DATA")
                {
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    while (await reader.ReadLineAsync(stopping.Token) is { } line && line != ".") { }
                    Interlocked.Increment(ref mails);
                }
                await writer.WriteLineAsync(verb switch { "DATA" => "250 queued", "QUIT" => "221 bye", _ => "250 ok" });
                if (verb == "QUIT") return;
            }
            return;
        }

        // HTTP: the request's head and body, then no answer at all, or an answer without end.
        var length = 0;
        while (await reader.ReadLineAsync(stopping.Token) is { Length: > 0 } header)
            if (header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(header["Content-Length:".Length..].Trim());
        var body = new char[length];
        await reader.ReadBlockAsync(body, stopping.Token);
        Interlocked.Increment(ref requests);
        if (kind == Kind.HangingWebhook)
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
            return;
        }
        await writer.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n");
        var chunk = Encoding.ASCII.GetBytes($"{64 * 1024:x}\r\n{new string('x', 64 * 1024)}\r\n");
        while (true)
        {
            await stream.WriteAsync(chunk, stopping.Token);
            Interlocked.Add(ref bodyBytesSent, 64 * 1024);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await loop;
        stopping.Dispose();
    }
}
