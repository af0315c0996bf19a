using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ChartLoadingBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task LeavingAChartPage_BeforePlotlyHasLoaded_StillDrawsTheNextPagesCharts()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        // plotly.js is held back until the trader has left the home page, whose charts are queued waiting for it.
        var requested = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/plotly-basic-*.js", async route =>
        {
            requested.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });

        await session.LoginAsync("anna", "Demo-Trader-1!");
        await session.WaitForInteractiveAsync();
        await requested.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await page.Locator("#nav-drawer").GetByText("Planner").ClickAsync();
        await Expect(page.Locator("#plan-table")).ToBeVisibleAsync();
        release.SetResult();

        await Expect(page.Locator("#merit-order-chart .legend")).ToContainTextAsync("Load 910.0 MW");
        await Expect(page.Locator("#output-chart .main-svg").First).ToBeVisibleAsync();
        Assert.Empty(errors);
        Assert.Empty(session.Problems);
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(390)]
    public async Task DemoCharts_FitTheirLabelsAndLegendInTheirMargins_SoPlotlyLaysThemOutOnce(int width)
    {
        await using var session = await fixture.StartAsync(width: width, height: 900);
        var page = session.Page;
        await session.LoginAsync("anna", "Demo-Trader-1!");
        await session.WaitForInteractiveAsync();
        foreach (var path in new[] { "/", "/reports", "/planner" })
        {
            await session.OpenAsync(path);
            await page.WaitForFunctionAsync("() => document.querySelectorAll('.fp-chart').length > 0 && [...document.querySelectorAll('.fp-chart')].every(c => c.querySelector('.main-svg'))");
            // Automargin widens a margin that is too narrow for a label or the legend, and that costs a second layout.
            var widened = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd => ['l', 'r', 't', 'b']
                  .filter(side => Math.round(gd._fullLayout._size[side]) !== gd._fullLayout.margin[side])
                  .map(side => `${gd.parentElement.id || gd.id} ${side}: ${gd._fullLayout.margin[side]} widened to ${Math.round(gd._fullLayout._size[side])}`))
                """);
            Assert.True(widened.Length == 0, $"{path} at {width} px: {string.Join("; ", widened)}");
        }
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Charts_AreDrawnOnce_AndRedrawnOnlyWhenTheirFigureChanges()
    {
        await using var session = await fixture.StartAsync();
        var page = session.Page;
        // Every plotly call a page makes, in order, from the moment plotly.js defines itself.
        await page.Context.AddInitScriptAsync("""
            window.__plotlyCalls = [];
            let plotly;
            Object.defineProperty(window, 'Plotly', { configurable: true, get: () => plotly, set: value => {
              plotly = value;
              for (const name of ['newPlot', 'react', 'relayout', 'restyle', 'redraw']) {
                const call = value[name];
                value[name] = function (element, ...rest) {
                  const chart = typeof element === 'string' ? document.getElementById(element) : element;
                  window.__plotlyCalls.push(`${name} ${chart?.parentElement?.id}`);
                  return call.call(this, element, ...rest);
                };
              }
            }});
            """);
        await session.LoginAsync("anna", "Demo-Trader-1!");
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("#hourly-chart .main-svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#position-chart .main-svg").First).ToBeVisibleAsync();

        // The layout's first render on the circuit re-renders both charts with the same figures: nothing is redrawn then.
        // The dark theme changes both figures (light text on the dark card): each is redrawn once.
        await page.ClickAsync("#theme-toggle");
        await Expect(page.Locator("#hourly-chart .ytick text").First).ToHaveCSSAsync("fill", "rgb(255, 255, 255)");
        await Expect(page.Locator("#position-chart .ytick text").First).ToHaveCSSAsync("fill", "rgb(255, 255, 255)");
        var calls = await page.EvaluateAsync<string[]>("() => window.__plotlyCalls");
        Assert.Equal(["newPlot hourly-chart", "newPlot position-chart", "react hourly-chart", "react position-chart"], calls.Order(StringComparer.Ordinal));
        Assert.Empty(session.Problems);
    }
}
