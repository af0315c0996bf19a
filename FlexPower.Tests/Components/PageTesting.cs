using System.Security.Claims;
using Bunit;
using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Trades;
using FlexPower.Tests.Support;
using FlexPower.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace FlexPower.Tests.Components;

/// <summary>
/// bunit set-up for FlexPower's pages: MudBlazor services and JS in loose mode, the real Core services (on the test's
/// SQLite file, see <see cref="CoreHost"/>) behind bunit's own container, and a signed-in user whose caller cascades to
/// every component, as the app's router has it.
/// </summary>
public static class PageTesting
{
    public static readonly Caller Manager = new("admin", true, null);

    public static void UseFlexPower(this BunitContext context, CoreHost core)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        // AddMudServices registers the system clock, which bunit's container would find before the fallback: components
        // must read the clock the test's Core services run on (often a fake one), or "today" is the machine's date.
        context.Services.RemoveAll<TimeProvider>().AddSingleton(core.Get<TimeProvider>());
        context.Services.AddFallbackServiceProvider(core.Services);
    }

    public static void SignInAsManager(this BunitContext context, string userName = "admin")
    {
        var auth = context.AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetRoles(Roles.Manager);
        context.RenderTree.TryAdd<CascadingCaller>();
    }

    public static void SignInAsTrader(this BunitContext context, string userName, string traderId)
    {
        var auth = context.AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetRoles(Roles.Trader);
        auth.SetClaims(new Claim(Roles.TraderIdClaim, traderId));
        context.RenderTree.TryAdd<CascadingCaller>();
    }

    /// <summary>Renders a page at a URL: its [SupplyParameterFromQuery] parameters come from the address, as in the browser.</summary>
    public static IRenderedComponent<TPage> Open<TPage>(this BunitContext context, string relativeUrl) where TPage : IComponent
    {
        context.Services.GetRequiredService<NavigationManager>().NavigateTo(relativeUrl);
        return context.Render<TPage>();
    }

    /// <summary>The providers MudBlazor renders popovers, dialogs and snackbars into, as the layout has them.</summary>
    public static IRenderedComponent<MudPopoverProvider> RenderProviders(this BunitContext context)
    {
        context.Render<MudDialogProvider>();
        context.Render<MudSnackbarProvider>();
        return context.Render<MudPopoverProvider>();
    }

    /// <summary>
    /// Stores a trade and waits until what it set off (the limit checks, which sync the traders' limit alerts) has run,
    /// so the alerts a test writes next are not cleared by a check still on its way.
    /// </summary>
    public static async Task AddTradeAsync(this CoreHost core, string id, long price, int quantity, string direction, DateOnly day, int hour, string trader = "trader_1")
    {
        await core.Get<TradeService>().AddAsync(Manager, new RawTrade(id, price.ToString(), quantity.ToString(), direction, DayFormat.Of(day), hour.ToString(), trader, $"{DayFormat.Of(day)}T00:00:00Z"));
        await core.Get<ChangeNotifier>().DrainAsync();
    }
}
