using System.Collections.Concurrent;
using System.Net;

namespace FlexPower.Tests.Support;

/// <summary>A real HTTP listener on a free loopback port that records every request and answers with the statuses it is given (then 200).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> answers;
    private readonly Task loop;

    public sealed record Received(string? Signature, string? EventId, string ContentType, byte[] Body, HttpStatusCode Answer);

    public WebhookReceiver(params HttpStatusCode[] answers)
    {
        this.answers = new(answers);
        Url = $"http://127.0.0.1:{Ports.Free()}/hook/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; }
    public ConcurrentQueue<Received> Requests { get; } = new();

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var answer = answers.TryDequeue(out var next) ? next : HttpStatusCode.OK;
            Requests.Enqueue(new Received(context.Request.Headers["X-FlexPower-Signature"], context.Request.Headers["X-FlexPower-Event-Id"],
                context.Request.ContentType ?? "", body.ToArray(), answer));
            context.Response.StatusCode = (int)answer;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
