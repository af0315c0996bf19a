using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FlexPower.Core.Accounts;
using FlexPower.Core.Alerts;
using FlexPower.Core.Audit;
using FlexPower.Core.Data;
using FlexPower.Core.Planning;
using FlexPower.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlexPower.Tests.Integration;

/// <summary>
/// Every audited kind of change, made through the real API (on Kestrel, so from a real loopback address) or, for what only
/// pages do, the real service with the address a page's caller carries: exactly one entry each, with who, from where, what
/// and before/after; a refused change leaves none; only managers read it; the database refuses to change it.
/// </summary>
public abstract class AuditTrailTests(DatabaseProvider provider) : IAsyncLifetime
{
    private const string PageAddress = "192.0.2.44";
    private static readonly Caller PageManager = new(KestrelApp.ManagerName, IsManager: true, TraderId: null) { Address = PageAddress };
    private TempDatabase database = default!;
    private KestrelApp app = default!;
    private HttpClient manager = default!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TempDatabase.CreateAsync(provider);
        app = KestrelApp.Start(database, seedDemo: false);
        manager = app.Api();
    }

    public async ValueTask DisposeAsync()
    {
        manager.Dispose();
        await app.DisposeAsync();
        await database.DisposeAsync();
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(Token);
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync(Token);
    }

    /// <summary>Runs a change and returns the one entry it added (failing when it added none or several).</summary>
    private async Task<AuditEntry> OneNewEntryAsync(Func<Task> change)
    {
        var before = (await EntriesAsync()).Count;
        await change();
        var added = (await EntriesAsync()).Skip(before).ToList();
        return Assert.Single(added);
    }

    private static JsonElement Json(string? text) => JsonDocument.Parse(text ?? throw new Xunit.Sdk.XunitException("no JSON recorded")).RootElement;

    private static void AssertFromApi(AuditEntry entry, string kind)
    {
        Assert.Equal(kind, entry.Kind);
        Assert.Equal(KestrelApp.ManagerName, entry.UserName);
        Assert.Contains(entry.Address, new[] { "127.0.0.1", "::1" });
    }

    private async Task<AccountSummary> CreateTraderAsync(string name, string traderId)
    {
        var response = await manager.PostAsJsonAsync("/v1/users", new { user_name = name, password = "Trader-Passw0rd!", role = "Trader", trader_id = traderId }, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await app.Services.GetRequiredService<AccountService>().ListAsync(Token)).Single(a => a.UserName == name);
    }

    [Fact]
    public async Task UserCreatedThroughTheApi_IsOneEntry_WithTheAccountAndNoPassword()
    {
        var entry = await OneNewEntryAsync(() => CreateTraderAsync("dora", "trader_4"));

        AssertFromApi(entry, AuditKinds.UserCreated);
        Assert.Equal("dora", entry.Subject);
        Assert.Null(entry.Before);
        var after = Json(entry.After);
        Assert.Equal("dora", after.GetProperty("user_name").GetString());
        Assert.Equal("Trader", after.GetProperty("role").GetString());
        Assert.Equal("trader_4", after.GetProperty("trader_id").GetString());
        Assert.False(after.GetProperty("disabled").GetBoolean());
        Assert.DoesNotContain("Passw0rd", entry.After);
    }

    [Fact]
    public async Task RoleChangedThroughTheApi_RecordsRoleAndTraderIdBeforeAndAfter()
    {
        var dora = await CreateTraderAsync("dora", "trader_4");

        var entry = await OneNewEntryAsync(async () =>
            Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync($"/v1/users/{dora.Id}/role", new { role = "Manager" }, Token)).StatusCode));

        AssertFromApi(entry, AuditKinds.UserRoleChanged);
        Assert.Equal("dora", entry.Subject);
        Assert.Equal("Trader", Json(entry.Before).GetProperty("role").GetString());
        Assert.Equal("trader_4", Json(entry.Before).GetProperty("trader_id").GetString());
        Assert.Equal("Manager", Json(entry.After).GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, Json(entry.After).GetProperty("trader_id").ValueKind);
    }

    [Fact]
    public async Task DisableAndEnableFromThePage_EachRecordTheFlag_WithThePagesAddress()
    {
        var dora = await CreateTraderAsync("dora", "trader_4");
        var accounts = app.Services.GetRequiredService<AccountService>();

        var disabled = await OneNewEntryAsync(() => accounts.SetDisabledAsync(PageManager, dora.Id, disabled: true));
        var enabled = await OneNewEntryAsync(() => accounts.SetDisabledAsync(PageManager, dora.Id, disabled: false));

        Assert.Equal((AuditKinds.UserDisabled, PageAddress, "dora"), (disabled.Kind, disabled.Address, disabled.Subject));
        Assert.False(Json(disabled.Before).GetProperty("disabled").GetBoolean());
        Assert.True(Json(disabled.After).GetProperty("disabled").GetBoolean());
        Assert.Equal((AuditKinds.UserEnabled, PageAddress), (enabled.Kind, enabled.Address));
        Assert.True(Json(enabled.Before).GetProperty("disabled").GetBoolean());
        Assert.False(Json(enabled.After).GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task PasswordReset_IsOneEntry_AndNoStoredEntryHoldsAPasswordHashOrStamp()
    {
        var dora = await CreateTraderAsync("dora", "trader_4");

        var entry = await OneNewEntryAsync(() => app.Services.GetRequiredService<AccountService>().ResetPasswordAsync(PageManager, dora.Id, "Secret-Reset-9!"));

        Assert.Equal((AuditKinds.UserPasswordReset, PageAddress, "dora"), (entry.Kind, entry.Address, entry.Subject));
        Assert.NotNull(entry.Before);
        Assert.NotNull(entry.After);
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByNameAsync("dora");
        var secrets = new[] { "Secret-Reset-9!", "Trader-Passw0rd!", user!.PasswordHash!, user.SecurityStamp!, "password", "hash", "stamp" };
        foreach (var stored in await EntriesAsync())
            foreach (var secret in secrets)
                Assert.DoesNotContain(secret, $"{stored.Subject} {stored.Before} {stored.After}", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RefusedAccountChanges_LeaveNoEntry()
    {
        var dora = await CreateTraderAsync("dora", "trader_4");
        var count = (await EntriesAsync()).Count;
        var accounts = app.Services.GetRequiredService<AccountService>();

        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync("/v1/users", new { user_name = "dora", password = "Trader-Passw0rd!", role = "Trader", trader_id = "t" }, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PutAsJsonAsync($"/v1/users/{dora.Id}/role", new { role = "Trader" }, Token)).StatusCode);
        await Assert.ThrowsAsync<FlexPower.Core.Common.ValidationFailedException>(() => accounts.ResetPasswordAsync(PageManager, dora.Id, "weak"));
        var boss = (await accounts.ListAsync(Token)).Single(a => a.UserName == KestrelApp.ManagerName);
        await Assert.ThrowsAsync<FlexPower.Core.Common.ValidationFailedException>(() => accounts.SetDisabledAsync(PageManager, boss.Id, disabled: true));

        Assert.Equal(count, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task LimitSet_RecordsTheLimitsBeforeAndAfter_AndAnInvalidOneLeavesNoEntry()
    {
        var first = await OneNewEntryAsync(async () =>
            Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync("/v1/limits/trader_1", new { max_open_mw = 40, max_daily_loss_eur = 5000 }, Token)).StatusCode));
        var second = await OneNewEntryAsync(async () =>
            Assert.Equal(HttpStatusCode.OK, (await manager.PutAsJsonAsync("/v1/limits/trader_1", new { max_open_mw = 25 }, Token)).StatusCode));
        var count = (await EntriesAsync()).Count;

        var refused = await manager.PutAsJsonAsync("/v1/limits/trader_1", new { max_open_mw = 0 }, Token);

        AssertFromApi(first, AuditKinds.LimitSet);
        Assert.Equal("trader_1", first.Subject);
        Assert.Null(first.Before);
        Assert.Equal(40, Json(first.After).GetProperty("max_open_mw").GetInt64());
        Assert.Equal(5000m, Json(first.After).GetProperty("max_daily_loss_eur").GetDecimal());
        Assert.Equal(40, Json(second.Before).GetProperty("max_open_mw").GetInt64());
        Assert.Equal(25, Json(second.After).GetProperty("max_open_mw").GetInt64());
        Assert.Equal(JsonValueKind.Null, Json(second.After).GetProperty("max_daily_loss_eur").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(count, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task TradeFileImported_IsOneEntryInTheImportsTransaction_AndARepeatThatStoresNothingIsNone()
    {
        var csv = await File.ReadAllBytesAsync(Reference.File("trades", "epex_trades_20230220.csv"), Token);

        var entry = await OneNewEntryAsync(async () => await PostCsvAsync("/v1/trades/import?file_name=epex_trades_20230220.csv", csv));
        var count = (await EntriesAsync()).Count;
        await PostCsvAsync("/v1/trades/import?file_name=epex_trades_20230220.csv", csv); // already imported: nothing stored

        AssertFromApi(entry, AuditKinds.TradesImported);
        Assert.EndsWith("epex_trades_20230220.csv", entry.Subject);
        var after = Json(entry.After);
        Assert.Equal("epex_trades_20230220.csv", after.GetProperty("file_name").GetString());
        Assert.Equal(64, after.GetProperty("sha256").GetString()!.Length);
        Assert.Equal("api", after.GetProperty("source").GetString());
        Assert.Equal(3, after.GetProperty("rows").GetInt32());
        Assert.Equal(3, after.GetProperty("inserted").GetInt32());
        Assert.Equal(0, after.GetProperty("rejected").GetInt32());
        Assert.Equal(count, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task PriceFileImported_IsOneEntry_WithSeriesAndCounts()
    {
        var csv = await File.ReadAllBytesAsync(Path.Combine(Reference.RepositoryRoot, "docs", "samples", "prices_day-ahead_20230228.csv"), Token);

        var entry = await OneNewEntryAsync(async () => await PostCsvAsync("/v1/prices/import?series=day-ahead&file_name=prices.csv", csv));

        AssertFromApi(entry, AuditKinds.PricesImported);
        var after = Json(entry.After);
        Assert.Equal("day-ahead", after.GetProperty("series").GetString());
        Assert.Equal("prices.csv", after.GetProperty("file_name").GetString());
        Assert.Equal("imported", after.GetProperty("status").GetString());
        Assert.True(after.GetProperty("inserted").GetInt32() > 0);
        Assert.Equal(0, after.GetProperty("updated").GetInt32());
    }

    private async Task PostCsvAsync(string path, byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new("text/csv");
        var response = await manager.PostAsync(path, content, Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task AlertAcknowledged_IsOneEntry_AgainIsNone_AndAClearedAlertIs409WithNone()
    {
        var writer = app.Services.GetRequiredService<AlertWriter>();
        await writer.SyncAsync([AlertKinds.DailyLossLimit], _ => true,
            [new WantedAlert(AlertKinds.DailyLossLimit, "trader_9 2023-02-28", "lost a lot"), new WantedAlert(AlertKinds.DailyLossLimit, "trader_8 2023-02-28", "also")], _ => "", Token);
        var alerts = await app.Services.GetRequiredService<AlertService>().ListAsync(PageManager, AlertState.Open, cancellationToken: Token);
        var (open, toClear) = (alerts.Single(a => a.Subject.StartsWith("trader_9")), alerts.Single(a => a.Subject.StartsWith("trader_8")));
        await writer.SyncAsync([AlertKinds.DailyLossLimit], a => a.Id == toClear.Id, [], _ => "back inside", Token);

        var entry = await OneNewEntryAsync(async () =>
            Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/v1/alerts/{open.Id}/acknowledge", null, Token)).StatusCode));
        var count = (await EntriesAsync()).Count;
        var again = await manager.PostAsync($"/v1/alerts/{open.Id}/acknowledge", null, Token);
        var cleared = await manager.PostAsync($"/v1/alerts/{toClear.Id}/acknowledge", null, Token);
        var unknown = await manager.PostAsync("/v1/alerts/999999/acknowledge", null, Token);

        AssertFromApi(entry, AuditKinds.AlertAcknowledged);
        Assert.Contains("trader_9 2023-02-28", entry.Subject);
        Assert.Equal(JsonValueKind.Null, Json(entry.Before).GetProperty("acknowledged_by").ValueKind);
        Assert.Equal(KestrelApp.ManagerName, Json(entry.After).GetProperty("acknowledged_by").GetString());
        Assert.Equal(JsonValueKind.String, Json(entry.After).GetProperty("acknowledged_utc").ValueKind);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(KestrelApp.ManagerName, JsonDocument.Parse(await again.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("acknowledged_by").GetString());
        await ApiAssert.ErrorAsync(cleared, HttpStatusCode.Conflict);
        await ApiAssert.ErrorAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(count, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task ScenarioSaved_RecordsItsSummary_AndAnOverwriteTheOneBefore()
    {
        var scenarios = app.Services.GetRequiredService<ScenarioService>();
        var (small, large) = (PlannerExamples.All[1].Request, PlannerExamples.All[0].Request);

        var first = await OneNewEntryAsync(() => scenarios.SaveAsync(PageManager, "Evening", small, Token));
        var overwrite = await OneNewEntryAsync(() => scenarios.SaveAsync(PageManager, "Evening", large, Token));
        var count = (await EntriesAsync()).Count;
        await Assert.ThrowsAsync<FlexPower.Core.Common.ValidationFailedException>(() => scenarios.SaveAsync(PageManager, " ", small, Token));

        Assert.Equal((AuditKinds.ScenarioSaved, PageAddress, $"{KestrelApp.ManagerName}/Evening"), (first.Kind, first.Address, first.Subject));
        Assert.Null(first.Before);
        Assert.Equal(480m, Json(first.After).GetProperty("load").GetDecimal());
        Assert.Equal(480m, Json(overwrite.Before).GetProperty("load").GetDecimal());
        Assert.Equal(910m, Json(overwrite.After).GetProperty("load").GetDecimal());
        Assert.Equal(6, Json(overwrite.After).GetProperty("plants").GetInt32());
        Assert.Equal(count, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task TheApi_ListsNewestFirst_FiltersByUserKindAndTime_Pages_AndRefusesBadInput()
    {
        await CreateTraderAsync("dora", "trader_4");
        await manager.PutAsJsonAsync("/v1/limits/trader_4", new { max_open_mw = 10 }, Token);
        await manager.PutAsJsonAsync("/v1/limits/trader_4", new { max_open_mw = 11 }, Token);

        var all = await ListAsync("");
        var limits = await ListAsync("?kind=limit.set");
        var byBoss = await ListAsync($"?user={KestrelApp.ManagerName}&take=2");
        var next = await ListAsync($"?user={KestrelApp.ManagerName}&before_id={byBoss[1].GetProperty("id").GetInt64()}");
        var nobody = await ListAsync("?user=nobody");
        var tomorrow = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
        var future = await ListAsync($"?from={tomorrow}");
        var untilNow = await ListAsync($"?to={Uri.EscapeDataString(DateTime.UtcNow.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm:ssZ"))}");

        // The start-up manager's creation, dora's, two limits: newest first.
        Assert.Equal([AuditKinds.LimitSet, AuditKinds.LimitSet, AuditKinds.UserCreated, AuditKinds.UserCreated], all.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("(start-up)", all[^1].GetProperty("user").GetString());
        Assert.Equal(11, all[0].GetProperty("after").GetProperty("max_open_mw").GetInt64());
        Assert.Equal(JsonValueKind.Object, all[0].GetProperty("before").ValueKind);
        foreach (var field in new[] { "at", "user", "address", "kind", "subject", "before", "after" }) Assert.True(all[0].TryGetProperty(field, out _), field);
        Assert.Equal(2, limits.Count);
        Assert.Equal(2, byBoss.Count);
        Assert.Single(next);
        Assert.Equal(AuditKinds.UserCreated, next[0].GetProperty("kind").GetString());
        Assert.Empty(nobody);
        Assert.Empty(future);
        Assert.Equal(4, untilNow.Count);
        foreach (var bad in new[] { "?kind=user.delete", "?from=2026-13-01", "?to=yesterday", "?from=2026-03-02&to=2026-03-01", "?take=0", "?take=1001", "?before_id=x" })
        {
            var response = await manager.GetAsync("/v1/audit" + bad, Token);
            var message = await ApiAssert.ErrorAsync(response, HttpStatusCode.BadRequest);
            Assert.Matches("kind|from|to|take|before_id", message);
        }
    }

    private async Task<List<JsonElement>> ListAsync(string query)
    {
        var response = await manager.GetAsync("/v1/audit" + query, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
    }

    [Fact]
    public async Task Traders_Get403_AndAnonymous401()
    {
        await CreateTraderAsync("dora", "trader_4");

        await ApiAssert.ErrorAsync(await app.Api("dora", "Trader-Passw0rd!").GetAsync("/v1/audit", Token), HttpStatusCode.Forbidden);
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/v1/audit", Token)).StatusCode);
        await Assert.ThrowsAsync<FlexPower.Core.Common.ForbiddenException>(() =>
            app.Services.GetRequiredService<AuditService>().ListAsync(new Caller("dora", false, "trader_4"), new AuditFilter(), Token));
    }

    [Fact]
    public async Task TheDatabase_RefusesToUpdateOrDeleteEntries()
    {
        await CreateTraderAsync("dora", "trader_4");
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<FlexPowerDbContext>>().CreateDbContextAsync(Token);

        var update = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET user_name = 'nobody'", Token));
        var delete = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries", Token));
        var truncate = provider == DatabaseProvider.Postgres ? await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries", Token)) : null;

        Assert.Contains("append-only", update?.Message);
        Assert.Contains("append-only", delete?.Message);
        if (provider == DatabaseProvider.Postgres) Assert.Contains("append-only", truncate?.Message);
        var entries = await EntriesAsync();
        Assert.Equal(2, entries.Count);
        Assert.DoesNotContain(entries, e => e.UserName == "nobody");
    }

    [Fact]
    public async Task TheCsvExport_HasEveryMatchingEntry_ForManagersOnly()
    {
        await CreateTraderAsync("dora", "trader_4");
        using var session = await CookieSession.SignInAsync(app.BaseUrl, KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        using var trader = await CookieSession.SignInAsync(app.BaseUrl, "dora", "Trader-Passw0rd!");

        var csv = await session.GetStringAsync("/audit/export.csv?kind=user.create", Token);
        var refused = await trader.GetAsync("/audit/export.csv", Token);

        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("id,at_utc,user,address,kind,subject,before,after", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("dora", lines[1]);
        Assert.Contains(lines[1].Split(',')[3], new[] { "127.0.0.1", "::1" });
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode); // the access-denied redirect
        Assert.DoesNotContain("dora", await refused.Content.ReadAsStringAsync(Token));
    }
}

public sealed class AuditTrailTests_Sqlite() : AuditTrailTests(DatabaseProvider.Sqlite);

public sealed class AuditTrailTests_Postgres() : AuditTrailTests(DatabaseProvider.Postgres);
