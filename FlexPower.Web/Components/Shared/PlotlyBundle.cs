using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Rewrite;

namespace FlexPower.Web.Components.Shared;

/// <summary>
/// Plotly.Blazor loads plotly.js by itself, from its package's path. FlexPower answers that path with its own copy of the
/// same bundle with one line on top, V8's compile hint: Chromium then compiles the whole bundle on a background thread
/// while it arrives, instead of function by function on the page's main thread while the first charts draw (a chart page's
/// first visit became usable sooner: docs/performance.md). Other browsers read the line as a comment.
/// </summary>
public static class PlotlyBundle
{
    /// <summary>What Plotly.Blazor asks for (its basic bundle, <c>UseBasicVersion</c>).</summary>
    public const string PackagePath = "_content/Plotly.Blazor/plotly-basic-3.7.0.min.js";

    /// <summary>FlexPower's copy in wwwroot: <see cref="CompileHint"/>, a line break, then the package's file unchanged.</summary>
    public const string HintedPath = "lib/plotly-basic-3.7.0.min.js";

    public const string CompileHint = "//# allFunctionsCalledOnLoad";

    public static IApplicationBuilder UsePlotlyCompileHint(this IApplicationBuilder app) =>
        app.UseRewriter(new RewriteOptions().AddRewrite($"^{Regex.Escape(PackagePath)}$", HintedPath, skipRemainingRules: true));
}
