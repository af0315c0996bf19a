using System.Net;

namespace FlexPower.Tests.Support;

/// <summary>An OTLP/HTTP receiver on a loopback port: answers every POST with 200 and keeps what it was sent.</summary>
public sealed class OtlpSink : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Recorded<(string Path, string ContentType, byte[] Body)> received = new();
    private readonly Task loop;

    public OtlpSink()
    {
        Url = $"http://127.0.0.1:{Ports.Free()}";
        listener.Prefixes.Add(Url + "/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public IReadOnlyList<(string Path, string ContentType, byte[] Body)> Received => received.Snapshot();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            received.Add((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
