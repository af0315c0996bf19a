using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FlexPower.Core.Accounts;
using FlexPower.Core.Audit;
using FlexPower.Core.Data;
using FlexPower.Core.Tokens;
using FlexPower.Tests.Support;
using FlexPower.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlexPower.Tests.Integration;

public abstract class ApiTokenTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string TraderPassword = "Trader-Passw0rd!";
    private TempDatabase database = default!;
    private FlexPowerFactory factory = default!;
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        factory = new FlexPowerFactory(database, clock: clock);
        foreach (var (name, trader) in new[] { ("tina", "trader_7"), ("theo", "trader_8") })
            (await factory.CreateApiClient().PostAsJsonAsync("/v1/users", new { user_name = name, password = TraderPassword, role = "Trader", trader_id = trader }, Cancel))
                .EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    private HttpClient Basic(string user) => user == FlexPowerFactory.ManagerName ? factory.CreateApiClient() : factory.CreateApiClient(user, TraderPassword);

    private HttpClient Bearer(string secret, string? clientAddress = null)
    {
        var client = factory.CreateApiClient(userName: null, clientAddress: clientAddress);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<JsonElement> CreateAsync(string user, string name, string[] scopes, DateTimeOffset? expiresAt = null)
    {
        var response = await Basic(user).PostAsJsonAsync("/v1/tokens", new { name, scopes, expires_at = expiresAt }, Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    private async Task<string> SecretAsync(string user, params string[] scopes) => (await CreateAsync(user, "script", scopes)).GetProperty("token").GetString()!;

    private static object Trade(string id, string trader) => new
    {
        id, price = 100, quantity = 1, direction = "buy", delivery_day = "2023-02-28", delivery_hour = 9, trader_id = trader, execution_time = "2023-02-28T07:00:00Z",
    };

    [Fact]
    public async Task Create_AnswersTheSecretOnce_WithPrefixAndDefaultExpiry_AndStoresOnlyItsHash()
    {
        var created = await CreateAsync("tina", "nightly export", ["read"]);

        var secret = created.GetProperty("token").GetString()!;
        Assert.StartsWith("fp_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret[3..].Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.Equal("nightly export", created.GetProperty("name").GetString());
        Assert.Equal(["read"], created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(clock.GetUtcNow().AddDays(90), created.GetProperty("expires_at").GetDateTimeOffset(), TimeSpan.FromSeconds(1));

        var listed = await Basic("tina").GetStringAsync("/v1/tokens", Cancel);
        Assert.DoesNotContain(secret, listed);
        Assert.DoesNotContain("\"token\"", listed);
        Assert.Contains(secret[..9], listed); // the hint
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(Cancel);
        var stored = await db.ApiTokens.SingleAsync(Cancel);
        Assert.Equal(TokenSecret.Hash(secret), stored.SecretHash);
    }

    [Fact]
    public async Task ReadToken_ListsTrades_ButPostingOneIs403NamingTheScope()
    {
        var read = Bearer(await SecretAsync("tina", "read"));

        Assert.Equal(HttpStatusCode.OK, (await read.GetAsync("/v1/trades", Cancel)).StatusCode);
        var refused = await read.PostAsJsonAsync("/v1/trades", Trade("t-read", "trader_7"), Cancel);
        Assert.Contains("'trade' scope", await ApiAssert.ErrorAsync(refused, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task TradeToken_PostsTradesAsItsOwner_OnlyUnderTheOwnersTraderId()
    {
        var trade = Bearer(await SecretAsync("tina", "trade"));

        Assert.Equal(HttpStatusCode.OK, (await trade.PostAsJsonAsync("/v1/trades", Trade("t-1", "trader_7"), Cancel)).StatusCode);
        await ApiAssert.ErrorAsync(await trade.PostAsJsonAsync("/v1/trades", Trade("t-2", "trader_8"), Cancel), HttpStatusCode.Forbidden);
        await ApiAssert.ErrorAsync(await trade.GetAsync("/v1/trades", Cancel), HttpStatusCode.Forbidden); // no read scope
    }

    [Fact]
    public async Task ManagerTokens_NeedAdminForUsersLimitsAndPriceImports_AndTheRoleStillCounts()
    {
        var readOnly = Bearer(await SecretAsync(FlexPowerFactory.ManagerName, "read"));
        var admin = Bearer(await SecretAsync(FlexPowerFactory.ManagerName, "read", "admin"));

        await ApiAssert.ErrorAsync(await readOnly.GetAsync("/v1/users", Cancel), HttpStatusCode.Forbidden);
        await ApiAssert.ErrorAsync(await readOnly.PutAsJsonAsync("/v1/limits/trader_7", new { max_open_mw = 5 }, Cancel), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await readOnly.GetAsync("/v1/limits", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/users", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/v1/limits/trader_7", new { max_open_mw = 5 }, Cancel)).StatusCode);
        // A trader's read token is still a trader's: the manager-only list stays closed.
        await ApiAssert.ErrorAsync(await Bearer(await SecretAsync("tina", "read")).GetAsync("/v1/imports", Cancel), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TraderAskingForAdmin_Is400_AndNothingIsStored()
    {
        var response = await Basic("tina").PostAsJsonAsync("/v1/tokens", new { name = "x", scopes = new[] { "read", "admin" } }, Cancel);
        Assert.Contains("'admin' is only for managers", await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal("[]", (await Basic("tina").GetStringAsync("/v1/tokens", Cancel)).Replace(" ", "").Replace("\n", ""));
    }

    [Theory]
    [InlineData("name-too-long", "name must be at most 100 characters")]
    [InlineData("no-name", "name is required")]
    [InlineData("past", "expires_at must be in the future")]
    [InlineData("over-a-year", "expires_at must be at most a year ahead")]
    [InlineData("no-scopes", "scopes must name at least one")]
    [InlineData("unknown-scope", "'write' is unknown")]
    public async Task BadInput_Is400NamingFieldAndRule(string @case, string reason)
    {
        var now = clock.GetUtcNow();
        object body = @case switch
        {
            "name-too-long" => new { name = new string('n', 101), scopes = new[] { "read" } },
            "no-name" => new { name = " ", scopes = new[] { "read" } },
            "past" => new { name = "x", scopes = new[] { "read" }, expires_at = now.AddMinutes(-1) },
            "over-a-year" => new { name = "x", scopes = new[] { "read" }, expires_at = now.AddYears(1).AddMinutes(1) },
            "no-scopes" => new { name = "x", scopes = Array.Empty<string>() },
            _ => new { name = "x", scopes = new[] { "write" } },
        };
        var response = await Basic("tina").PostAsJsonAsync("/v1/tokens", body, Cancel);
        Assert.Contains(reason, await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task MalformedUnknownExpiredAndRevokedTokens_GetTheSame401()
    {
        var expiring = (await CreateAsync("tina", "short", ["read"], clock.GetUtcNow().AddHours(1))).GetProperty("token").GetString()!;
        var revoked = await CreateAsync("tina", "revoked", ["read"]);
        Assert.Equal(HttpStatusCode.NoContent, (await Basic("tina").DeleteAsync($"/v1/tokens/{revoked.GetProperty("id").GetInt64()}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(expiring).GetAsync("/v1/trades", Cancel)).StatusCode);
        clock.Advance(TimeSpan.FromHours(1));

        var answers = new List<(string Message, string Challenge)>();
        foreach (var (secret, from) in new[] { ("not-a-token", 1), (TokenSecret.Generate(), 2), (expiring, 3), (revoked.GetProperty("token").GetString()!, 4) })
        {
            var response = await Bearer(secret, $"192.0.2.{from}").GetAsync("/v1/trades", Cancel);
            answers.Add((await ApiAssert.ErrorAsync(response, HttpStatusCode.Unauthorized), response.Headers.WwwAuthenticate.ToString()));
        }
        Assert.Single(answers.Distinct());
        Assert.StartsWith("Bearer", answers[0].Challenge);
    }

    [Fact]
    public async Task Delete_Is204_AndTheTokenIsRefusedOnTheNextRequest_ThenDeletingAgainIs404()
    {
        var created = await CreateAsync("tina", "to revoke", ["read"]);
        var client = Bearer(created.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/trades", Cancel)).StatusCode);

        var id = created.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await Basic("tina").DeleteAsync($"/v1/tokens/{id}", Cancel)).StatusCode);

        await ApiAssert.ErrorAsync(await client.GetAsync("/v1/trades", Cancel), HttpStatusCode.Unauthorized);
        await ApiAssert.ErrorAsync(await Basic("tina").DeleteAsync($"/v1/tokens/{id}", Cancel), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OwnerDisabled_TokenIsRefusedOnTheNextRequest()
    {
        var client = Bearer(await SecretAsync("tina", "read"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/trades", Cancel)).StatusCode);

        var accounts = factory.Services.GetRequiredService<AccountService>();
        var tina = (await accounts.ListAsync(Cancel)).Single(u => u.UserName == "tina");
        await accounts.SetDisabledAsync(new Caller(FlexPowerFactory.ManagerName, IsManager: true, TraderId: null), tina.Id, true);

        Assert.Contains("disabled", await ApiAssert.ErrorAsync(await client.GetAsync("/v1/trades", Cancel), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Managers_SeeAndRevokeEveryonesTokens_TradersOnlyTheirOwn_AnotherPersonsIs404()
    {
        var tinas = await CreateAsync("tina", "tina's", ["read"]);
        var theos = await CreateAsync("theo", "theo's", ["read"]);

        var asTheo = await Basic("theo").GetFromJsonAsync<JsonElement>("/v1/tokens", Cancel);
        Assert.Equal(["theo's"], asTheo.EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        await ApiAssert.ErrorAsync(await Basic("theo").DeleteAsync($"/v1/tokens/{tinas.GetProperty("id").GetInt64()}", Cancel), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(tinas.GetProperty("token").GetString()!).GetAsync("/v1/trades", Cancel)).StatusCode);

        var asBoss = await Basic(FlexPowerFactory.ManagerName).GetFromJsonAsync<JsonElement>("/v1/tokens", Cancel);
        Assert.Equal(["theo", "tina"], asBoss.EnumerateArray().Select(t => t.GetProperty("owner").GetString()).Order());
        Assert.Equal(HttpStatusCode.NoContent, (await Basic(FlexPowerFactory.ManagerName).DeleteAsync($"/v1/tokens/{tinas.GetProperty("id").GetInt64()}", Cancel)).StatusCode);
        await ApiAssert.ErrorAsync(await Bearer(tinas.GetProperty("token").GetString()!).GetAsync("/v1/trades", Cancel), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(theos.GetProperty("token").GetString()!).GetAsync("/v1/trades", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Tokens_CannotManageTokens_EvenWithAdmin()
    {
        var admin = Bearer(await SecretAsync(FlexPowerFactory.ManagerName, "read", "trade", "admin"));
        Assert.Contains("cannot manage tokens", await ApiAssert.ErrorAsync(await admin.GetAsync("/v1/tokens", Cancel), HttpStatusCode.Forbidden));
        await ApiAssert.ErrorAsync(await admin.PostAsJsonAsync("/v1/tokens", new { name = "child", scopes = new[] { "read" } }, Cancel), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Audit_RecordsCreateAndRevoke_WithTheOwnerAndScopes_NeverTheSecret()
    {
        var created = await CreateAsync("tina", "audited", ["read", "trade"]);
        var secret = created.GetProperty("token").GetString()!;
        await Basic(FlexPowerFactory.ManagerName).DeleteAsync($"/v1/tokens/{created.GetProperty("id").GetInt64()}", Cancel);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(Cancel);
        var entries = await db.AuditEntries.Where(e => e.Kind.StartsWith("token.")).OrderBy(e => e.Id).ToListAsync(Cancel);
        Assert.Equal([AuditKinds.TokenCreated, AuditKinds.TokenRevoked], entries.Select(e => e.Kind));
        Assert.Equal(["tina", FlexPowerFactory.ManagerName], entries.Select(e => e.UserName));
        Assert.Null(entries[0].Before);
        Assert.Contains("\"scopes\":[\"read\",\"trade\"]", entries[0].After);
        Assert.Contains("\"revoked\":true", entries[1].After);
        var hash = Convert.ToHexString(TokenSecret.Hash(secret));
        foreach (var text in entries.SelectMany(e => new[] { e.Subject, e.Before, e.After }).OfType<string>())
        {
            Assert.DoesNotContain(secret[3..12], text);
            Assert.DoesNotContain(hash, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(TokenSecret.Hash(secret)), text);
        }
    }

    [Fact]
    public async Task FailedTokenAttempts_ThrottleThatAddress_NotOthers()
    {
        var secret = await SecretAsync("tina", "read");
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
            await ApiAssert.ErrorAsync(await Bearer(TokenSecret.Generate(), "203.0.113.9").GetAsync("/v1/trades", Cancel), HttpStatusCode.Unauthorized);

        var blocked = await Bearer(secret, "203.0.113.9").GetAsync("/v1/trades", Cancel);
        Assert.Contains("Too many failed token attempts", await ApiAssert.ErrorAsync(blocked, HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await Bearer(secret, "198.51.100.3").GetAsync("/v1/trades", Cancel)).StatusCode);
        clock.Advance(LoginThrottle.Window);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(secret, "203.0.113.9").GetAsync("/v1/trades", Cancel)).StatusCode);
    }

    [Fact]
    public async Task LastUse_IsRecorded_AtMostOncePerMinute()
    {
        var created = await CreateAsync("tina", "used", ["read"]);
        var client = Bearer(created.GetProperty("token").GetString()!);
        async Task<DateTimeOffset> LastUsedAsync() =>
            (await Basic("tina").GetFromJsonAsync<JsonElement>("/v1/tokens", Cancel))[0].GetProperty("last_used_at").GetDateTimeOffset();

        Assert.Equal(JsonValueKind.Null, (await Basic("tina").GetFromJsonAsync<JsonElement>("/v1/tokens", Cancel))[0].GetProperty("last_used_at").ValueKind);
        var first = clock.GetUtcNow();
        await client.GetAsync("/v1/trades", Cancel);
        Assert.Equal(first, await LastUsedAsync(), TimeSpan.FromMilliseconds(1));
        clock.Advance(TimeSpan.FromSeconds(30));
        await client.GetAsync("/v1/trades", Cancel);
        Assert.Equal(first, await LastUsedAsync(), TimeSpan.FromMilliseconds(1));
        clock.Advance(TimeSpan.FromSeconds(31));
        await client.GetAsync("/v1/trades", Cancel);
        Assert.Equal(clock.GetUtcNow(), await LastUsedAsync(), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task OpenApiDocument_OffersBasicAndBearer_ButOnlyBasicForManagingTokens()
    {
        using var document = JsonDocument.Parse(await factory.CreateApiClient(userName: null).GetStringAsync("/openapi/v1.json", Cancel));
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("basic", schemes.GetProperty("Basic").GetProperty("scheme").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        string[] Offered(string path, string method) => document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method)
            .GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToArray();
        Assert.Equal(["Basic", "Bearer"], Offered("/v1/trades", "get"));
        Assert.Equal(["Basic"], Offered("/v1/tokens", "post"));
    }

    [Fact]
    public void EveryApiEndpoint_NamesTheScopeATokenNeeds()
    {
        var unscoped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } path && (path.StartsWith("/v1/") || path.StartsWith("/productionplan")))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { } p && (p.StartsWith("scope:") || p == TokenScopePolicies.NoToken)))
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.Empty(unscoped);
    }
}

public sealed class ApiTokenTests_Sqlite() : ApiTokenTests(DatabaseProvider.Sqlite);

public sealed class ApiTokenTests_Postgres() : ApiTokenTests(DatabaseProvider.Postgres);

/// <summary>Two instances on one PostgreSQL database: a token revoked through one stops working on the other at once.</summary>
public sealed class ApiTokenClusterTests : IAsyncLifetime
{
    private TempDatabase database = default!;

    public async ValueTask InitializeAsync() => database = await TempDatabase.CreateAsync(DatabaseProvider.Postgres);

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Token_RevokedOnOneInstance_IsRefusedOnTheOthersNextRequest()
    {
        await using var a = new FlexPowerFactory(database);
        await using var b = new FlexPowerFactory(database);
        var created = await (await a.CreateApiClient().PostAsJsonAsync("/v1/tokens", new { name = "cluster", scopes = new[] { "read" } }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var onB = b.CreateApiClient(userName: null);
        onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/v1/trades", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/v1/trades", TestContext.Current.CancellationToken)).StatusCode);

        var revoke = await a.CreateApiClient().DeleteAsync($"/v1/tokens/{created.GetProperty("id").GetInt64()}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        await ApiAssert.ErrorAsync(await onB.GetAsync("/v1/trades", TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);
    }
}
