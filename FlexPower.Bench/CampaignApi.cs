using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FlexPower.Bench;

/// <summary>An answer as the campaign judges it: the status, the body, and the contract's error message when the body is one.</summary>
public sealed record Answer(int Status, string Body, string? Message, string? WwwAuthenticate)
{
    /// <summary>The status and the message (or the start of the body), printable on one line.</summary>
    public override string ToString() => $"{Status} \"{Text.Shown(Message ?? Body)}\"";

    /// <summary>The error body <c>{"status_code","message"}</c> with this status, whose message names <paramref name="field"/>.</summary>
    public bool IsError(int status, string? field = null) =>
        Status == status && Message is not null && (field is null || Message.Contains(field, StringComparison.Ordinal));

    /// <summary>No raw control character in the message, at most 400 characters, and no echoed value over 100 characters.</summary>
    public bool MessageIsPrintableAndShort => Message is not null && !Message.Any(char.IsControl) && Message.Length <= 400 &&
                                              !Message.Contains(new string('d', 101), StringComparison.Ordinal);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>HTTP to the campaign's apps: Basic credentials, no redirects followed, time for large uploads.</summary>
public sealed class CampaignApi : IDisposable
{
    public const string User = "bench", Password = "Bench-Passw0rd!";

    public CampaignApi(string baseUrl) => Manager = Client(baseUrl, User, Password);

    public HttpClient Manager { get; }

    public static HttpClient Client(string baseUrl, string? user = null, string? password = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
        if (user is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    public static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            string? message = null;
            if (response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                try
                {
                    var json = JsonDocument.Parse(body).RootElement;
                    if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("status_code", out var code) && code.TryGetInt32(out var status) &&
                        status == (int)response.StatusCode && json.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String)
                        message = text.GetString();
                }
                catch (JsonException)
                {
                    // not the error body: judged by the caller from Body
                }
            }
            return new Answer((int)response.StatusCode, body, message, response.Headers.WwwAuthenticate.FirstOrDefault()?.Scheme);
        }
    }

    public async Task<Answer> GetAsync(string url, HttpClient? client = null) => await ReadAsync(await (client ?? Manager).GetAsync(url));

    public async Task<Answer> PostJsonAsync(string url, object body) => await ReadAsync(await Manager.PostAsJsonAsync(url, body));

    public async Task<Answer> PutJsonAsync(string url, object body) => await ReadAsync(await Manager.PutAsJsonAsync(url, body));

    public async Task<Answer> SendRawAsync(HttpMethod method, string url, string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await ReadAsync(await Manager.SendAsync(new HttpRequestMessage(method, url) { Content = content }));
    }

    public Task<Answer> PostCsvAsync(string url, string csv) => SendRawAsync(HttpMethod.Post, url, csv, "text/csv");

    /// <summary>A trade for the manager to post; each case uses delivery days of its own so it can count what it stored.</summary>
    public static object Trade(string id, string day, int hour, string direction = "buy", long quantity = 1, string trader = "trader_1") => new
    {
        id, price = 5000, quantity, direction, delivery_day = day, delivery_hour = hour, trader_id = trader, execution_time = "2023-02-28T07:00:00Z",
    };

    /// <summary>How many trades are stored for a delivery day.</summary>
    public async Task<int> TradeCountAsync(string day) => (await GetAsync($"/v1/trades?delivery_day={day}")).Json.GetArrayLength();

    /// <summary>The import ledger, newest first.</summary>
    public async Task<List<JsonElement>> LedgerAsync() => [.. (await GetAsync("/v1/imports?take=1000")).Json.EnumerateArray()];

    public void Dispose() => Manager.Dispose();
}

public static class Text
{
    /// <summary>A value as the campaign prints it: control characters escaped, at most 160 characters.</summary>
    public static string Shown(string value)
    {
        var shown = new StringBuilder();
        foreach (var c in value.Length > 160 ? value[..160] : value)
            shown.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return value.Length > 160 ? shown + $"… ({value.Length:N0} chars)" : shown.ToString();
    }
}
