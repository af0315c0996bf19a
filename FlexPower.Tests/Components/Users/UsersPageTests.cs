using Bunit;
using FlexPower.Core.Accounts;
using FlexPower.Tests.Support;
using FlexPower.Web.Features.Users;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FlexPower.Tests.Components.Users;

public sealed class UsersPageTests
{
    private static async Task<CoreHost> WithAccountsAsync()
    {
        var core = await CoreHost.StartAsync(); // the bootstrap manager is "admin"
        await core.Get<AccountService>().CreateAsync(PageTesting.Manager, new NewAccount("tessa", "Tessa-Passw0rd!", Roles.Trader, "trader_42"));
        return core;
    }

    [Fact]
    public async Task AManagersOwnDisable_IsDisabled_OthersAreNot()
    {
        await using var core = await WithAccountsAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager("admin");

        var page = context.Render<Web.Features.Users.Users>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#users-grid tbody tr").Count));
        Assert.True(DisableButton(page, "admin").HasAttribute("disabled"));
        Assert.False(DisableButton(page, "tessa").HasAttribute("disabled"));
        Assert.Contains("cannot disable your own account", page.FindAll("#users-grid tbody tr").Single(r => r.TextContent.Contains("admin")).InnerHtml);
    }

    [Fact]
    public async Task Disable_AsksFirst_CancelKeepsTheAccount_ConfirmDisablesIt()
    {
        await using var core = await WithAccountsAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager("admin");
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<Web.Features.Users.Users>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#users-grid tbody tr").Count));

        // The click's handler waits for the answer, so it is not awaited here.
        var asking = DisableButton(page, "tessa").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Disable tessa?", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await asking;

        Assert.False(await IsDisabledAsync(core, "tessa"));
        dialogs.WaitForAssertion(() => Assert.DoesNotContain("Disable tessa?", dialogs.Markup));

        asking = DisableButton(page, "tessa").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Disable tessa?", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Disable").ClickAsync(new());
        await asking;

        page.WaitForAssertion(() => Assert.Contains("Disabled", page.FindAll("#users-grid tbody tr").Single(r => r.TextContent.Contains("tessa")).TextContent));
        Assert.True(await IsDisabledAsync(core, "tessa"));
    }

    [Fact]
    public async Task AWeakPassword_IsExplainedOnce_UnderTheForm_NotInAToast()
    {
        await using var core = await WithAccountsAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager("admin");
        var page = context.Render<Web.Features.Users.Users>();

        page.Find("input#new-user-name").Change("dora");
        page.Find("input#new-user-password").Change("weak");
        page.Find("input#new-user-trader-id").Change("trader_4");
        await page.Find("#create-user").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("password is too weak", page.Find("#new-account-error").TextContent));
        Assert.Single(page.FindAll("#new-account-error"));
        Assert.Empty(context.Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("dora", page.Find("input#new-user-name").GetAttribute("value")); // the input stays for the fix
        Assert.DoesNotContain(await core.Get<AccountService>().ListAsync(Xunit.TestContext.Current.CancellationToken), a => a.UserName == "dora");
    }

    [Fact]
    public async Task ACreatedAccount_IsConfirmedInASnackbar_AndListed()
    {
        await using var core = await WithAccountsAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager("admin");
        var page = context.Render<Web.Features.Users.Users>();

        page.Find("input#new-user-name").Change("dora");
        page.Find("input#new-user-password").Change("Dora-Passw0rd!");
        page.Find("input#new-user-trader-id").Change("trader_4");
        await page.Find("#create-user").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("trader_4", page.Find("#users-grid").TextContent));
        var snackbar = Assert.Single(context.Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(Severity.Success, snackbar.Severity);
        Assert.Empty(page.FindAll("#new-account-error"));
    }

    [Fact]
    public async Task RoleDialog_MakesATraderAManager_OwnRoleCannotBeChanged()
    {
        await using var core = await WithAccountsAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsManager("admin");
        context.Render<MudPopoverProvider>();
        var dialogs = context.Render<MudDialogProvider>();
        var page = context.Render<Web.Features.Users.Users>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#users-grid tbody tr").Count));
        Assert.True(Row(page, "admin").QuerySelector(".fp-role")!.HasAttribute("disabled"));

        var asking = Row(page, "tessa").QuerySelector(".fp-role")!.ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("#role-save")));
        var select = dialogs.FindComponents<MudSelect<string>>().Single();
        await dialogs.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(Roles.Manager));
        await dialogs.Find("#role-save").ClickAsync(new());
        await asking;

        page.WaitForAssertion(() => Assert.Contains(Roles.Manager, Row(page, "tessa").TextContent));
        var tessa = (await core.Get<AccountService>().ListAsync(Xunit.TestContext.Current.CancellationToken)).Single(a => a.UserName == "tessa");
        Assert.Equal((Roles.Manager, null), (tessa.Role, tessa.TraderId));
    }

    [Fact]
    public void RowRules_SelfCannotBeDisabled_CaseInsensitively()
    {
        var admin = new AccountSummary("1", "Admin", Roles.Manager, null, false, null, DateTime.UtcNow);
        Assert.False(new UserRow(admin, "admin").CanDisable);
        Assert.True(new UserRow(admin, "other").CanDisable);
        Assert.Equal("Disabled", new UserRow(admin with { IsDisabled = true }, "other").Status);
        Assert.Equal("Locked until 14:30 UTC", new UserRow(admin with { LockedOutUntil = new DateTimeOffset(2026, 11, 30, 14, 30, 0, TimeSpan.Zero) }, "other").Status);
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<Web.Features.Users.Users> page, string user) =>
        page.FindAll("#users-grid tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Trim() == user);

    private static AngleSharp.Dom.IElement DisableButton(IRenderedComponent<Web.Features.Users.Users> page, string user) =>
        page.FindAll("#users-grid tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Trim() == user).QuerySelector(".fp-disable")!;

    private static async Task<bool> IsDisabledAsync(CoreHost core, string user) =>
        (await core.Get<AccountService>().ListAsync()).Single(a => a.UserName == user).IsDisabled;
}
