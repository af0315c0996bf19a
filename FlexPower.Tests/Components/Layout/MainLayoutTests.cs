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
        var body = ThemeProbe(theme => seen = theme);

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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WithoutAThemeChoice_TheLayoutWritesTheOsDarkPalette_AndTellsThePageWhatTheBrowserPrefers(bool osDark)
    {
        await using var core = await CoreHost.StartAsync();
        await using var context = new BunitContext();
        context.UseFlexPower(core);
        context.JSInterop.Setup<bool>("flexPower.prefersDark").SetResult(osDark);
        context.SignInAsTrader("anna", "trader_1");
        UiTheme? seen = null;
        var body = ThemeProbe(theme => seen = theme);

        var layout = context.Render<CascadingValue<UiTheme>>(p => p
            .Add(c => c.Value, new UiTheme(false, FollowsSystem: true))
            .AddChildContent<MainLayout>(l => l.Add(x => x.Body, body)));

        Assert.Contains("<style media=\"(prefers-color-scheme: dark)\">:root{--mud-palette-black", layout.Markup);
        layout.WaitForAssertion(() => Assert.Equal(osDark, seen?.IsDark));

        await layout.Find("#theme-toggle").ClickAsync(new());

        // The switch is a choice: the OS no longer decides, and the media-query palette goes.
        Assert.Equal(!osDark, seen?.IsDark);
        Assert.False(seen?.FollowsSystem);
        Assert.DoesNotContain("prefers-color-scheme", layout.Markup);
    }

    /// <summary>Reports the theme a page inside the layout receives.</summary>
    /// <summary>A page body that reports the theme the layout cascades to it.</summary>
    private static RenderFragment ThemeProbe(Action<UiTheme?> seen) => builder =>
    {
        builder.OpenComponent<CascadingValueProbe>(0);
        builder.AddAttribute(1, nameof(CascadingValueProbe.Seen), seen);
        builder.CloseComponent();
    };

    private sealed class CascadingValueProbe : ComponentBase
    {
        [CascadingParameter] public UiTheme? Theme { get; set; }
        [Parameter] public Action<UiTheme?> Seen { get; set; } = _ => { };

        protected override void OnParametersSet() => Seen(Theme);
    }
}
