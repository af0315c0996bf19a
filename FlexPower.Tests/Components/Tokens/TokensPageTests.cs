using Bunit;
using FlexPower.Core.Accounts;
using FlexPower.Core.Tokens;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Tokens;
using MudBlazor;

namespace FlexPower.Tests.Components.Tokens;

public sealed class TokensPageTests
{
    private static readonly Caller Tessa = new("tessa", false, "trader_42");

    private static async Task<CoreHost> WithTraderAsync()
    {
        var core = await CoreHost.StartAsync(); // the bootstrap manager is "admin"
        await core.Get<AccountService>().CreateAsync(AccountService.StartUp, new NewAccount("tessa", "Tessa-Passw0rd!", Roles.Trader, "trader_42"));
        return core;
    }

    [Fact]
    public async Task Trader_CreatesAToken_SeesTheSecretOnce_AndIsNotOfferedAdmin()
    {
        await using var core = await WithTraderAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("tessa", "trader_42");
        context.RenderProviders();
        var page = context.Render<TokensPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#tokens-empty")));

        Assert.Empty(page.FindAll(".fp-scope-admin"));
        Assert.NotEmpty(page.FindAll(".fp-scope-trade"));
        page.Find("input#token-name").Change("nightly export");
        await page.Find("#token-create").ClickAsync(new());

        page.WaitForAssertion(() => Assert.StartsWith("fp_", page.Find("#token-secret").TextContent));
        var secret = page.Find("#token-secret").TextContent;
        var stored = Assert.Single(await core.Get<TokenService>().ListAsync(Tessa, Xunit.TestContext.Current.CancellationToken));
        Assert.Equal(["read"], stored.Scopes);
        Assert.Equal(TokenSecret.Hint(secret), stored.Hint);
        page.WaitForAssertion(() => Assert.Contains("nightly export", page.Find("#tokens-table tbody tr").TextContent));
        Assert.DoesNotContain(secret, page.Find("#tokens-table").OuterHtml);

        await page.Find("#token-secret-done").ClickAsync(new());
        page.WaitForAssertion(() => Assert.DoesNotContain(secret, page.Markup));
        var reopened = context.Render<TokensPage>();
        reopened.WaitForAssertion(() => Assert.NotNull(reopened.Find("#tokens-table")));
        Assert.DoesNotContain(secret, reopened.Markup);
    }

    [Fact]
    public async Task Trader_RefusedInput_IsExplainedUnderTheForm_AndNothingIsStored()
    {
        await using var core = await WithTraderAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("tessa", "trader_42");
        context.RenderProviders();
        var page = context.Render<TokensPage>();

        await page.Find("#token-create").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("name is required", page.Find("#token-problem").TextContent));
        Assert.Empty(page.FindAll("#token-secret"));
        Assert.Empty(await core.Get<TokenService>().ListAsync(Tessa, Xunit.TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Manager_SeesEveryonesTokensWithOwner_IsOfferedAdmin_AndRevokesAfterConfirming()
    {
        await using var core = await WithTraderAsync();
        await core.Get<TokenService>().CreateAsync(Tessa, new NewToken("tessa's script", ["read"], null), Xunit.TestContext.Current.CancellationToken);
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager("admin");
        var dialogs = context.Render<MudDialogProvider>();
        context.Render<MudPopoverProvider>();
        var page = context.Render<TokensPage>();

        page.WaitForAssertion(() => Assert.Contains("tessa", page.Find("#tokens-table tbody tr").TextContent));
        Assert.Contains("Owner", page.Find("#tokens-table thead").TextContent);
        Assert.NotEmpty(page.FindAll(".fp-scope-admin"));

        var asking = page.Find(".fp-token-revoke").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Revoke 'tessa's script'?", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").ClickAsync(new());
        await asking;

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#tokens-empty")));
        Assert.Empty(await core.Get<TokenService>().ListAsync(Tessa, Xunit.TestContext.Current.CancellationToken));
    }
}
