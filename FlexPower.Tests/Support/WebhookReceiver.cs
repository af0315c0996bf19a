using System.Collections.Concurrent;
using System.Net;

namespace FlexPower.Tests.Support;

/// <summary>
/// A real HTTP listener on a free loopback port that records every request and answers with the statuses it is given (then
/// 200) — or, as a misbehaving receiver, never answers (<see cref="Hanging"/>) or answers 200 with a body that never ends
/// (<see cref="EndlessBody"/>).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> answers;
    private readonly Behaviour behaviour;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private long bodyBytesSent;

    public sealed record Received(string? Signature, string? EventId, string ContentType, byte[] Body, HttpStatusCode Answer);

    private enum Behaviour { Answers, Hangs, SendsEndlessBody }

    public WebhookReceiver(params HttpStatusCode[] answers) : this(Behaviour.Answers, answers) { }

    private WebhookReceiver(Behaviour behaviour, HttpStatusCode[] answers)
    {
        this.behaviour = behaviour;
        this.answers = new(answers);
        Url = $"http://127.0.0.1:{Ports.Free()}/hook/";
        listener.Prefixes.Add(Url);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>Takes every request and never answers it.</summary>
    public static WebhookReceiver Hanging() => new(Behaviour.Hangs, []);

    /// <summary>Answers 200 and then sends body bytes for as long as the client keeps reading.</summary>
    public static WebhookReceiver EndlessBody() => new(Behaviour.SendsEndlessBody, []);

    public string Url { get; }
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>How many reply body bytes the endless receiver got onto the wire before the client stopped reading.</summary>
    public long BodyBytesSent => Interlocked.Read(ref bodyBytesSent);

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => ReplyAsync(context));
        }
    }

    private async Task ReplyAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var answer = behaviour == Behaviour.Answers && answers.TryDequeue(out var next) ? next : HttpStatusCode.OK;
        Requests.Enqueue(new Received(context.Request.Headers["X-FlexPower-Signature"], context.Request.Headers["X-FlexPower-Event-Id"],
            context.Request.ContentType ?? "", body.ToArray(), answer));
        try
        {
            switch (behaviour)
            {
                case Behaviour.Hangs:
                    await Task.Delay(Timeout.Infinite, stopping.Token);
                    break;
                case Behaviour.SendsEndlessBody:
                    context.Response.SendChunked = true;
                    var chunk = new byte[64 * 1024];
                    while (true)
                    {
                        await context.Response.OutputStream.WriteAsync(chunk, stopping.Token);
                        Interlocked.Add(ref bodyBytesSent, chunk.Length);
                    }
            }
            context.Response.StatusCode = (int)answer;
            context.Response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            context.Response.Abort(); // the client went away, or the receiver is shutting down
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        listener.Close();
        await loop;
        stopping.Dispose();
    }
}
