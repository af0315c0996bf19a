using System.Net;
using System.Text.RegularExpressions;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>A page with charts names plotly.js and its interop module in its head, so both load with the page's own assets.</summary>
public sealed partial class ChartPreloadTests
{
    [GeneratedRegex("""<link rel="(?:modulepreload|preload)"[^>]*href="([^"]+)"[^>]*>""")]
    private static partial Regex Preload();

    [Fact]
    public async Task ChartPage_PreloadsPlotlyFilesThatExist_AndAPageWithoutChartsDoesNot()
    {
        await using var app = KestrelApp.Start();
        using var manager = await CookieSession.SignInAsync(app.BaseUrl, KestrelApp.ManagerName, KestrelApp.ManagerPassword);

        var home = await manager.GetStringAsync("/", TestContext.Current.CancellationToken);
        var head = home[..home.IndexOf("</head>", StringComparison.Ordinal)];
        var preloads = Preload().Matches(head).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(preloads, href => href.Contains("plotly-interop"));
        Assert.Contains("_content/Plotly.Blazor/plotly-basic-3.7.0.min.js", preloads);
        foreach (var href in preloads)
            Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(href, TestContext.Current.CancellationToken)).StatusCode);

        var users = await manager.GetStringAsync("/users", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(Preload().Matches(users[..users.IndexOf("</head>", StringComparison.Ordinal)]), m => m.Value.Contains("plotly"));
    }
}
