using Microsoft.Playwright;

namespace FlexPower.Bench;

/// <summary>
/// Time to interactive of every page, warm: a full page load in headless Chromium, from navigation start until the
/// layout marks the circuit live (<c>main[data-interactive=true]</c>, set after the first interactive render).
/// The time is taken inside the page (performance.now() when a MutationObserver first sees the marker), so it does
/// not include Playwright's own polling.
/// </summary>
public static class PageBench
{
    private const string MarkerScript = """
        (() => {
          const seen = () => { if (!window.__flexPowerTti && document.querySelector('main[data-interactive=true]')) window.__flexPowerTti = performance.now(); };
          new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-interactive'] });
        })();
        """;

    public static async Task RunAsync(string baseUrl, string managerUser, string managerPassword, int iterations)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("FLEXPOWER_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var latest = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)).ToString("yyyy-MM-dd");
        Console.WriteLine($"Time to interactive, warm (median of {iterations} full page loads after 3 warm-ups, 1440×900):");
        await MeasureAsync(browser, baseUrl, managerUser, managerPassword, iterations,
            ["/", "/reports", $"/reports/day?trader=trader_1&day={latest}", "/trades", "/imports", "/planner", "/users"]);
        await MeasureAsync(browser, baseUrl, "anna", "Demo-Trader-1!", iterations, ["/", "/trades", "/reports"]);
    }

    private static async Task MeasureAsync(IBrowser browser, string baseUrl, string user, string password, int iterations, string[] paths)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, ViewportSize = new() { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        await context.AddInitScriptAsync(MarkerScript);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));

        foreach (var path in paths)
        {
            var times = new List<double>();
            for (var i = 0; i < iterations + 3; i++)
            {
                await page.GotoAsync(path);
                await page.WaitForFunctionAsync("() => window.__flexPowerTti !== undefined");
                var tti = await page.EvaluateAsync<double>("() => window.__flexPowerTti");
                if (i >= 3) times.Add(tti);
            }
            times.Sort();
            Console.WriteLine($"  {user,-8} {path,-45} median {times[times.Count / 2],6:N0} ms   min {times[0],6:N0} ms   max {times[^1],6:N0} ms");
        }
    }
}
