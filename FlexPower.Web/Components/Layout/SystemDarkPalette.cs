using System.Text;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace FlexPower.Web.Components.Layout;

/// <summary>
/// While the user has not chosen a theme, the dark palette's CSS variables under a <c>prefers-color-scheme: dark</c> media
/// query, after the light theme provider: the browser paints the OS's choice from the server's first HTML (no light flash
/// before the circuit starts, and on the static account pages). MudBlazor writes the CSS, so its variables stay its own.
/// </summary>
public sealed class SystemDarkPalette : MudThemeProvider
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "style");
        builder.AddAttribute(1, "media", "(prefers-color-scheme: dark)");
        var css = new StringBuilder(":root{");
        GenerateTheme(css);
        builder.AddMarkupContent(2, css.Append("color-scheme:dark;}").ToString());
        builder.CloseElement();
    }

    // Only CSS: the real provider beside it does MudBlazor's script work.
    protected override Task OnAfterRenderAsync(bool firstRender) => Task.CompletedTask;
}
