using Bunit;
using FlexPower.Tests.Support;
using FlexPower.Web.Components.Layout;
using FlexPower.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace FlexPower.Tests.Components.Layout;

public sealed class MainLayoutTests
{
    [Fact]
    public async Task ThemeToggle_SwitchesToDark_RemembersItInTheCookie_AndTellsThePage()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");
        UiTheme? seen = null;
        RenderFragment body = builder =>
        {
            builder.OpenComponent<CascadingValueProbe>(0);
            builder.AddAttribute(1, nameof(CascadingValueProbe.Seen), (Action<UiTheme?>)(theme => seen = theme));
            builder.CloseComponent();
        };

        var layout = context.Render<MainLayout>(p => p.Add(l => l.Body, body));
        Assert.False(seen?.IsDark);

        await layout.Find("#theme-toggle").ClickAsync(new());

        Assert.True(seen?.IsDark);
        var remembered = context.JSInterop.Invocations["flexPower.rememberTheme"];
        Assert.Equal(true, Assert.Single(remembered).Arguments[0]);
    }

    [Fact]
    public async Task TheCookiesTheme_IsWhatTheLayoutStartsIn()
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.SignInAsTrader("anna", "trader_1");

        var layout = context.Render<CascadingValue<UiTheme>>(p => p
            .Add(c => c.Value, new UiTheme(true))
            .AddChildContent<MainLayout>(l => l.Add(x => x.Body, (RenderFragment)(_ => { }))));

        Assert.Contains("color-scheme: dark", layout.Markup);
        Assert.Contains("Switch light / dark theme", layout.Markup);
    }

    /// <summary>Reports the theme a page inside the layout receives.</summary>
    private sealed class CascadingValueProbe : ComponentBase
    {
        [CascadingParameter] public UiTheme? Theme { get; set; }
        [Parameter] public Action<UiTheme?> Seen { get; set; } = _ => { };

        protected override void OnParametersSet() => Seen(Theme);
    }
}
