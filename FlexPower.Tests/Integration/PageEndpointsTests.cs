using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>The pages' own endpoints (CSV downloads, sign-out) and the headers every response carries.</summary>
public sealed partial class PageEndpointsTests : IAsyncLifetime
{
    private readonly TempDatabase database = new();
    private FlexPowerFactory factory = default!;

    public async ValueTask InitializeAsync()
    {
        factory = new FlexPowerFactory(database);
        var manager = factory.CreateApiClient();
        (await manager.PostAsJsonAsync("/v1/users", new { user_name = "tom", password = "Trader-Passw0rd!", role = "Trader", trader_id = "trader_1" })).EnsureSuccessStatusCode();
        var csv = new StringContent("id,price,quantity,direction,delivery_day,delivery_hour,trader_id,execution_time\nok,1,1,buy,2023-02-28,1,trader_2,2023-02-28T00:00:00Z\nbad\n");
        csv.Headers.ContentType = new("text/csv");
        (await manager.PostAsync("/v1/trades/import?file_name=boss.csv", csv)).EnsureSuccessStatusCode();
    }

    public ValueTask DisposeAsync()
    {
        factory.Dispose();
        database.Dispose();
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("/imports/1/rejected.csv", HttpStatusCode.Forbidden, "is not yours")]
    [InlineData("/imports/999/rejected.csv", HttpStatusCode.NotFound, "does not exist")]
    [InlineData("/reports/range.csv?trader=trader_2&from=2023-02-01&to=2023-02-28&granularity=day", HttpStatusCode.Forbidden, "own")]
    [InlineData("/reports/range.csv?from=2023-02-28&to=2023-02-01&granularity=day", HttpStatusCode.BadRequest, "is after to")]
    public async Task DeniedDownload_AnswersItsStatus_BeforeAnyOfTheFile(string url, HttpStatusCode status, string reason)
    {
        var tom = await CookieSession.SignInAsync(factory, "tom", "Trader-Passw0rd!");

        var response = await tom.GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Logout_WithoutTheFormsToken_IsRefused_AndTheSessionStays()
    {
        var tom = await CookieSession.SignInAsync(factory, "tom", "Trader-Passw0rd!");

        var forged = await tom.PostAsync("/Account/Logout", new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tom.GetAsync("/trades/export.csv", TestContext.Current.CancellationToken)).StatusCode); // still signed in
    }

    [Fact]
    public async Task Logout_FromTheForm_SignsOut()
    {
        var tom = await CookieSession.SignInAsync(factory, "tom", "Trader-Passw0rd!");
        var page = await tom.GetStringAsync("/Account/ChangePassword", TestContext.Current.CancellationToken); // any page of the app carries the sign-out form's token
        var token = Token().Match(page).Groups["token"].Value;

        var response = await tom.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", (await tom.GetAsync("/trades/export.csv", TestContext.Current.CancellationToken)).Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("/v1/trades", true)]
    [InlineData("/Account/Login", false)]
    [InlineData("/health", false)]
    [InlineData("/health/ready", false)]
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndDataIsNotCached(string url, bool api)
    {
        var response = await (api ? factory.CreateApiClient() : factory.CreateClient()).GetAsync(url, TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore, url);
    }

    [Fact]
    public async Task Pages_AllowOnlyTheirOwnScripts_TheImportMapByThisResponsesNonce()
    {
        var first = await factory.CreateClient().GetAsync("/Account/Login", TestContext.Current.CancellationToken);
        var second = await factory.CreateClient().GetAsync("/Account/Login", TestContext.Current.CancellationToken);

        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy.Split("style-src")[0]); // scripts: no 'unsafe-inline' (styles need it: MudBlazor sets style attributes)
        Assert.DoesNotContain("unsafe-eval", policy);
        var nonce = Regex.Match(policy, "script-src 'self' 'nonce-(?<n>[^']+)'").Groups["n"].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(nonce, second.Headers.GetValues("Content-Security-Policy").Single()); // a new one each response
        Assert.DoesNotMatch(" on[a-z]+=\"", await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)); // no inline event handlers
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();
}
