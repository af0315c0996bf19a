using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlexPower.Core.Alerts;
using FlexPower.Core.Alerts.Delivery;
using FlexPower.Core.Data;
using FlexPower.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;

namespace FlexPower.Tests.Integration;

/// <summary>Alerts leaving the app: a real HTTP listener checks the webhook's signature, a real SMTP listener receives the e-mail.</summary>
public abstract class AlertDeliveryTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string Secret = "test-webhook-secret-0123456789";
    private TempDatabase database = default!;

    public async ValueTask InitializeAsync() => database = await TempDatabase.CreateAsync(provider);

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private FlexPowerFactory App(Dictionary<string, string?> alerts) => new(database, settings: new Dictionary<string, string?>(alerts)
    {
        ["Import:Enabled"] = "false", // only the limit alerts of the test
        ["Alerts:RetryBaseDelay"] = "00:00:00.200",
        ["Alerts:PollInterval"] = "00:00:01",
    });

    private static async Task PutLimitAsync(HttpClient manager, long maxOpenMw) =>
        (await manager.PutAsJsonAsync("/v1/limits/trader_1", new { max_open_mw = maxOpenMw })).EnsureSuccessStatusCode();

    private static Task<HttpResponseMessage> PostTradeAsync(HttpClient manager, string id, string direction, long mw, int hour = 9) =>
        manager.PostAsJsonAsync("/v1/trades", new
        {
            id, price = 8000, quantity = mw, direction, delivery_day = "2023-02-28", delivery_hour = hour, trader_id = "trader_1", execution_time = "2023-02-28T06:00:00Z",
        });

    private static Dictionary<string, string?> Smtp(int port) => new()
    {
        ["Alerts:Smtp:Host"] = "127.0.0.1",
        ["Alerts:Smtp:Port"] = port.ToString(),
        ["Alerts:Smtp:UseTls"] = "false",
        ["Alerts:Smtp:From"] = "flexpower@desk.example",
        ["Alerts:Smtp:To"] = "risk@desk.example, head@desk.example",
    };

    private static async Task<List<JsonElement>> DeliveriesAsync(HttpClient manager) =>
        JsonDocument.Parse(await manager.GetStringAsync("/v1/alerts/deliveries")).RootElement.EnumerateArray().ToList();

    /// <summary>What a receiver does: HMAC-SHA256 of the raw body with the shared secret, compared in constant time.</summary>
    private static bool SignatureIsValid(WebhookReceiver.Received request)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), request.Body));
        return request.Signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Signature));
    }

    [Fact]
    public async Task Webhook_IsSignedRetriedAfterA500_AndEachEventDeliveredOnce()
    {
        await using var receiver = new WebhookReceiver(HttpStatusCode.InternalServerError);
        await using var app = App(new() { ["Alerts:WebhookUrl"] = receiver.Url, ["Alerts:WebhookSecret"] = Secret });
        var manager = app.CreateApiClient();
        await PutLimitAsync(manager, 50);

        Assert.Equal(HttpStatusCode.OK, (await PostTradeAsync(manager, "a", "buy", 60)).StatusCode);
        await Wait.UntilAsync(() => receiver.Requests.Count(r => r.Answer == HttpStatusCode.OK) == 1, "the raised event is delivered after the retry");
        Assert.Equal(HttpStatusCode.OK, (await PostTradeAsync(manager, "b", "sell", 20)).StatusCode);
        await Wait.UntilAsync(() => receiver.Requests.Count(r => r.Answer == HttpStatusCode.OK) == 2, "the cleared event is delivered");
        // The receiver has answered before the sender records the delivery: the log is read once it has.
        await Wait.UntilAsync(async () => (await DeliveriesAsync(manager)).All(d => d.GetProperty("status").GetString() == "delivered"), "both deliveries are recorded");

        var requests = receiver.Requests.ToList();
        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.OK, HttpStatusCode.OK], requests.Select(r => r.Answer));
        Assert.All(requests, r => Assert.True(SignatureIsValid(r), "the signature matches the body"));
        Assert.All(requests, r => Assert.StartsWith("application/json", r.ContentType));
        Assert.Equal(requests[0].Body, requests[1].Body); // a retry sends the very same event
        var raised = JsonDocument.Parse(requests[1].Body).RootElement;
        Assert.Equal("raised", raised.GetProperty("event").GetString());
        Assert.Equal("open_position_limit", raised.GetProperty("kind").GetString());
        Assert.Equal("trader_1 2023-02-28 9 - 10", raised.GetProperty("subject").GetString());
        Assert.Equal(raised.GetProperty("event_id").GetString(), requests[1].EventId);
        var cleared = JsonDocument.Parse(requests[2].Body).RootElement;
        Assert.Equal("cleared", cleared.GetProperty("event").GetString());
        Assert.Equal("Back inside the limit.", cleared.GetProperty("cleared_message").GetString());
        Assert.NotEqual(raised.GetProperty("event_id").GetString(), cleared.GetProperty("event_id").GetString());

        // The log: both delivered, the first after two attempts; a further sending round finds nothing to send.
        var log = await DeliveriesAsync(manager);
        Assert.Equal(["delivered", "delivered"], log.Select(d => d.GetProperty("status").GetString()));
        Assert.Equal([1, 2], log.Select(d => d.GetProperty("attempts").GetInt32()));
        await app.Services.GetRequiredService<AlertSender>().SendDueAsync(DeliveryChannel.Webhook, CancellationToken.None);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task UnreachableWebhook_NeverBlocksTheTrade_AndTheLogShowsWhy()
    {
        var closedPort = Ports.Free();
        await using var app = App(new()
        {
            ["Alerts:WebhookUrl"] = $"http://127.0.0.1:{closedPort}/hook",
            ["Alerts:WebhookSecret"] = Secret,
            ["Alerts:MaxAttempts"] = "2",
        });
        var manager = app.CreateApiClient();
        await PutLimitAsync(manager, 50);

        Assert.Equal(HttpStatusCode.OK, (await PostTradeAsync(manager, "a", "buy", 60)).StatusCode);

        Assert.Single(JsonDocument.Parse(await manager.GetStringAsync("/v1/trades", TestContext.Current.CancellationToken)).RootElement.EnumerateArray());
        await Wait.UntilAsync(async () => (await DeliveriesAsync(manager)).Any(d => d.GetProperty("status").GetString() == "failed"), "the delivery gives up");
        var delivery = (await DeliveriesAsync(manager)).Single();
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Contains("could not be reached", delivery.GetProperty("last_error").GetString());
        Assert.Single(JsonDocument.Parse(await manager.GetStringAsync("/v1/alerts", TestContext.Current.CancellationToken)).RootElement.EnumerateArray()); // the alert itself stands
    }

    [Fact]
    public async Task TwoSendersAtOnce_SendAnEventOnce()
    {
        await using var receiver = new WebhookReceiver();
        await using var host = await CoreHost.StartAsync(settings: new() { ["Alerts:WebhookUrl"] = receiver.Url, ["Alerts:WebhookSecret"] = Secret }, provider: provider);
        await host.Get<AlertWriter>().SyncAsync([AlertKinds.DailyLossLimit], _ => true, [new WantedAlert(AlertKinds.DailyLossLimit, "trader_9 2023-02-28", "lost a lot")], _ => "", TestContext.Current.CancellationToken);

        var sender = host.Get<AlertSender>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => sender.SendDueAsync(DeliveryChannel.Webhook, CancellationToken.None))));

        var request = Assert.Single(receiver.Requests);
        Assert.True(SignatureIsValid(request));
        Assert.Equal("alert-1-raised", request.EventId);
    }

    [Fact]
    public async Task Email_IsReceivedByTheSmtpServer_WithTheEvent()
    {
        var port = Ports.Free();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var host = await CoreHost.StartAsync(settings: Smtp(port), provider: provider);
        await host.Get<AlertWriter>().SyncAsync([AlertKinds.OpenPositionLimit], _ => true,
            [new WantedAlert(AlertKinds.OpenPositionLimit, "trader_9 2023-02-28 9 - 10", "trader_9 is long 60 MW")], _ => "", TestContext.Current.CancellationToken);

        await host.Get<AlertSender>().SendDueAsync(DeliveryChannel.Email, CancellationToken.None);

        var mail = Assert.Single(smtp.ReceivedEmail);
        Assert.Equal("[FlexPower] Alert: trader_9 2023-02-28 9 - 10", mail.Headers["Subject"]);
        Assert.Contains("risk@desk.example", mail.Headers["To"]);
        Assert.Contains("head@desk.example", mail.Headers["To"]);
        var text = mail.MessageParts[0].BodyData;
        Assert.Contains("trader_9 is long 60 MW", text);
        Assert.Contains("alert-1-raised", text);
        await using var db = await host.Get<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var delivery = await db.AlertDeliveries.SingleAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((DeliveryChannel.Email, DeliveryStatus.Delivered, 1), (delivery.Channel, delivery.Status, delivery.Attempts));
    }

    [Fact]
    public async Task HangingWebhook_DoesNotHoldUpTheEmails()
    {
        await using var webhook = WebhookReceiver.Hanging();
        var port = Ports.Free();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var app = App(new(Smtp(port)) { ["Alerts:WebhookUrl"] = webhook.Url, ["Alerts:WebhookSecret"] = Secret, ["Alerts:SendTimeout"] = "00:00:30" });
        var manager = app.CreateApiClient();
        await PutLimitAsync(manager, 50);

        Assert.Equal(HttpStatusCode.OK, (await PostTradeAsync(manager, "a", "buy", 60, hour: 9)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostTradeAsync(manager, "b", "buy", 60, hour: 10)).StatusCode);

        // Each pending webhook attempt may take the whole send timeout (30 s); the e-mails must not wait for any of it.
        await Wait.UntilAsync(() => smtp.ReceivedEmailCount == 2, "both alerts' e-mails arrive while the webhook hangs", TimeSpan.FromSeconds(10));
        // The webhook was called too (it records a request once it has read the body, which may be after the e-mails).
        await Wait.UntilAsync(() => !webhook.Requests.IsEmpty, "the webhook is called and hangs");
        await Wait.UntilAsync(async () => (await DeliveriesAsync(manager)).Count(d => d.GetProperty("channel").GetString() == "email" && d.GetProperty("status").GetString() == "delivered") == 2,
            "both e-mails are recorded as delivered");
    }

    [Fact]
    public async Task WebhookReplyWithAnEndlessBody_IsDelivered_WithoutReadingTheBody()
    {
        await using var receiver = WebhookReceiver.EndlessBody();
        await using var host = await CoreHost.StartAsync(settings: new()
        {
            ["Alerts:WebhookUrl"] = receiver.Url, ["Alerts:WebhookSecret"] = Secret, ["Alerts:SendTimeout"] = "00:00:02",
        }, provider: provider);
        await host.Get<AlertWriter>().SyncAsync([AlertKinds.DailyLossLimit], _ => true, [new WantedAlert(AlertKinds.DailyLossLimit, "trader_9 2023-02-28", "lost a lot")], _ => "", TestContext.Current.CancellationToken);

        await host.Get<AlertSender>().SendDueAsync(DeliveryChannel.Webhook, TestContext.Current.CancellationToken);

        await using var db = await host.Get<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var delivery = await db.AlertDeliveries.SingleAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal((DeliveryStatus.Delivered, 1, null), (delivery.Status, delivery.Attempts, delivery.LastError));
        // What the receiver got onto the wire before the sender hung up: socket buffers, not the gigabytes a whole read takes.
        Assert.True(receiver.BodyBytesSent < 32 << 20, $"{receiver.BodyBytesSent:N0} reply bytes were sent before the sender stopped reading");
    }
}

public sealed class AlertDeliveryTests_Sqlite() : AlertDeliveryTests(DatabaseProvider.Sqlite);

public sealed class AlertDeliveryTests_Postgres() : AlertDeliveryTests(DatabaseProvider.Postgres);
