using System.Reflection;
using System.Text;
using FlexPower.Tests.Support;
using FlexPower.Web.Components.Shared;
using Plotly.Blazor;

namespace FlexPower.Tests.Unit;

public sealed class PlotlyBundleTests
{
    private static readonly string PackageAssets = typeof(PlotlyBundleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "PlotlyBlazorAssets").Value!;

    [Fact]
    public void HintedCopy_IsThePackagesBundle_WithTheCompileHintOnTop()
    {
        var package = File.ReadAllBytes(Path.Combine(PackageAssets, Path.GetFileName(PlotlyBundle.PackagePath)));
        var copy = File.ReadAllBytes(Path.Combine(Reference.RepositoryRoot, "FlexPower.Web", "wwwroot", PlotlyBundle.HintedPath));

        var hint = Encoding.ASCII.GetBytes(PlotlyBundle.CompileHint + "\n");
        Assert.Equal(hint, copy[..hint.Length]);
        Assert.True(package.AsSpan().SequenceEqual(copy.AsSpan(hint.Length)),
            $"wwwroot/{PlotlyBundle.HintedPath} is not {PlotlyBundle.PackagePath} of Plotly.Blazor with the hint on top: copy the package's file again after an upgrade");
    }

    [Fact]
    public void PlotlyBlazor_StillAsksForTheBundleThatIsRewritten()
    {
        // The path is a string in Plotly.Blazor's code: after an upgrade that loads another file the rewrite would match nothing.
        var library = File.ReadAllBytes(typeof(PlotlyChart).Assembly.Location);
        var asked = Encoding.Unicode.GetBytes("./" + PlotlyBundle.PackagePath);
        Assert.True(library.AsSpan().IndexOf(asked) >= 0, $"Plotly.Blazor no longer loads {PlotlyBundle.PackagePath}");
    }
}
