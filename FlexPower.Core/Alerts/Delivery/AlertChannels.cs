using System.Text;
using FlexPower.Core.Common;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace FlexPower.Core.Alerts.Delivery;

/// <summary>A way out of the app; throws when the receiver did not take the message.</summary>
public interface IAlertChannel
{
    DeliveryChannel Channel { get; }
    Task SendAsync(AlertMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// POSTs the event as JSON to <c>Alerts:WebhookUrl</c>, signed with HMAC-SHA256; any status but 2xx is a failure. Of the
/// receiver's reply only the status and at most <see cref="MaxReplyBytes"/> of the body are read: the body is not ours,
/// and one that never ends must not fill the memory.
/// </summary>
public sealed class WebhookChannel(IOptions<AlertOptions> options, TimeProvider clock) : IAlertChannel, IDisposable
{
    public const int MaxReplyBytes = 4096;
    private const int MaxReplyQuoted = 200;

    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public DeliveryChannel Channel => DeliveryChannel.Webhook;

    public async Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = message.Body();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(AlertMessage.SignatureHeader, AlertMessage.Signature(body, settings.WebhookSecret!));
        request.Headers.Add(AlertMessage.EventIdHeader, message.EventId);
        using var deadline = new CancellationTokenSource(settings.SendTimeout, clock);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var reply = await ReadReplyStartAsync(response, timeout.Token);
            if (!response.IsSuccessStatusCode)
                throw new AlertDeliveryException($"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}{(reply.Length > 0 ? ": " + reply : "")}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"the webhook did not answer within {settings.SendTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw new AlertDeliveryException($"the webhook could not be reached: {e.Message}");
        }
    }

    /// <summary>The start of the reply body, for the delivery log; a short reply is read whole, so its connection can be used again.</summary>
    private static async Task<string> ReadReplyStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var start = new byte[MaxReplyBytes];
        var length = 0;
        int read;
        while (length < start.Length && (read = await body.ReadAsync(start.AsMemory(length), cancellationToken)) > 0) length += read;
        var text = Encoding.UTF8.GetString(start, 0, Math.Min(length, MaxReplyQuoted)).Trim();
        return Echo.Printable(text);
    }

    public void Dispose() => http.Dispose();
}

/// <summary>Sends the event as a plain-text e-mail through <c>Alerts:Smtp</c> (MailKit).</summary>
public sealed class EmailChannel(IOptions<AlertOptions> options, TimeProvider clock) : IAlertChannel
{
    public DeliveryChannel Channel => DeliveryChannel.Email;

    public async Task SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var smtp = settings.Smtp;
        var mail = new MimeMessage { Subject = message.MailSubject, Body = new TextPart("plain") { Text = message.MailText } };
        mail.From.Add(MailboxAddress.Parse(smtp.From!));
        foreach (var recipient in smtp.Recipients) mail.To.Add(MailboxAddress.Parse(recipient));
        mail.MessageId = $"{message.EventId}@flexpower"; // the same event id, so a mail system can recognise a repeat
        mail.Headers.Add(AlertMessage.EventIdHeader, message.EventId);

        using var deadline = new CancellationTokenSource(settings.SendTimeout, clock);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var client = new SmtpClient();
        try
        {
            var security = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(smtp.Host!, smtp.Port, security, timeout.Token);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", timeout.Token);
            await client.SendAsync(mail, timeout.Token);
            await client.DisconnectAsync(true, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"the SMTP server {smtp.Host}:{smtp.Port} did not answer within {settings.SendTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException or MailKit.Security.AuthenticationException
                                      or System.Net.Sockets.SocketException or IOException or SslHandshakeException or MailKit.ServiceNotConnectedException)
        {
            throw new AlertDeliveryException($"the SMTP server {smtp.Host}:{smtp.Port} did not take the mail: {e.Message}");
        }
    }
}

/// <summary>A receiver did not take an alert message; the message says why, for the delivery log.</summary>
public sealed class AlertDeliveryException(string message) : Exception(message);
