using Microsoft.Playwright;

namespace FlexPower.Bench;

/// <summary>
/// Time until a page is usable, cold and warm, and the bytes a first visit and a reload of the home page cost.
/// "Usable" (issue 22, item 13): the page's main element is visible, the circuit is live
/// (<c>main[data-interactive=true]</c>), no indeterminate loading bar shows and every chart (<c>.fp-chart</c>) has drawn
/// its svg. The time is taken inside the page (performance.now(), milliseconds since navigation start) when that state
/// was last entered, once it has held for a quiet second, so a page that first shows an empty frame and fills it later
/// is timed to the fill. Cold: a new browser context (empty HTTP cache, signed in by cookie); warm: the same page again
/// in that context.
/// </summary>
public static class PageBench
{
    private const string ReadyScript = """
        (() => {
          window.__fpMarks = {};
          const ready = () => {
            const main = document.querySelector('main[data-interactive=true]');
            if (!main || main.getBoundingClientRect().height === 0) return false;
            window.__fpMarks.interactive ??= performance.now();
            if (document.querySelector('.mud-progress-linear.mud-progress-indeterminate, .mud-table-loading-progress')) return false;
            return [...document.querySelectorAll('.fp-chart')].every(c => c.querySelector('.main-svg'));
          };
          const check = () => {
            if (document.querySelector('.fp-chart .main-svg')) window.__fpMarks.chart ??= performance.now();
            if (ready()) { if (window.__fpReadyAt === undefined) window.__fpReadyAt = performance.now(); }
            else window.__fpReadyAt = undefined;
          };
          new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
        })();
        """;

    /// <summary>
    /// Where a visit's time went, in milliseconds since navigation start: the HTML's last byte, blazor.web.js fetched,
    /// the circuit's negotiate answered, the layout interactive (circuit live, page rendered by it), plotly.js fetched
    /// (and so evaluated right after), the first chart drawn, and usable.
    /// </summary>
    private const string PhasesScript = """
        () => {
          const end = name => Math.max(0, ...performance.getEntriesByType('resource').filter(e => e.name.includes(name)).map(e => e.responseEnd));
          const nav = performance.getEntriesByType('navigation')[0];
          return [nav.responseEnd, end('blazor.web'), end('_blazor/negotiate'), window.__fpMarks.interactive ?? 0,
                  end('plotly-basic'), window.__fpMarks.chart ?? 0, window.__fpReadyAt];
        }
        """;

    private static readonly string[] PhaseNames = ["html", "blazor.js", "negotiate", "interactive", "plotly.js", "1st chart", "usable"];

    private static readonly string[] ManagerPages = ["/", "/reports", "/reports/day?trader=trader_1&day={latest}", "/planner", "/prices", "/trades", "/alerts", "/limits", "/users", "/imports"];
    private static readonly string[] TraderPages = ["/", "/reports", "/trades"];

    /// <param name="only">Paths to time (as listed, e.g. "/" or "/reports/day"); null for every page.</param>
    public static async Task RunAsync(string baseUrl, string managerUser, string managerPassword, int iterations, string[]? only = null)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("FLEXPOWER_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var latest = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)).ToString("yyyy-MM-dd");
        var manager = await SignInAsync(browser, baseUrl, managerUser, managerPassword);
        var trader = await SignInAsync(browser, baseUrl, "anna", "Demo-Trader-1!");

        var (first, reload) = await HomeBytesAsync(browser, baseUrl, manager);
        Console.WriteLine($"Home page bytes received (headers and bodies, manager): first visit {first / 1024.0:N0} KB, reload {reload / 1024.0:N0} KB");
        Console.WriteLine($"Time until usable, median of {iterations} (after one unmeasured visit per page), 1440×900, cold = new browser context, warm = same page again:");
        foreach (var (who, state, paths) in new[] { ("manager", manager, ManagerPages), ("anna", trader, TraderPages) })
            foreach (var path in paths.Where(p => only is null || only.Contains(p.Split('?')[0])).Select(p => p.Replace("{latest}", latest)))
            {
                await MeasureAsync(browser, baseUrl, state, path);
                var cold = new List<double[]>();
                var warm = new List<double[]>();
                for (var i = 0; i < iterations; i++)
                {
                    var (c, w) = await MeasureAsync(browser, baseUrl, state, path);
                    cold.Add(c);
                    warm.Add(w);
                }
                var (coldUsable, warmUsable) = (cold.Select(p => p[^1]).ToList(), warm.Select(p => p[^1]).ToList());
                Console.WriteLine($"  {who,-8} {path,-45} cold {Median(coldUsable),6:N0} ms   warm {Median(warmUsable),6:N0} ms   (cold {coldUsable.Min():N0}–{coldUsable.Max():N0}, warm {warmUsable.Min():N0}–{warmUsable.Max():N0})");
                Console.WriteLine($"           cold phases: {Phases(cold)}");
                Console.WriteLine($"           warm phases: {Phases(warm)}");
            }
    }

    private static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);

    /// <summary>Each phase's median end over the runs; a phase a page does not have (no chart, plotly.js cached) is left out.</summary>
    private static string Phases(List<double[]> runs) => string.Join("  ", PhaseNames
        .Select((name, i) => (name, at: Median(runs.Select(r => r[i]))))
        .Where(p => p.at > 0)
        .Select(p => $"{p.name} {p.at:N0}"));

    private static async Task<string> SignInAsync(IBrowser browser, string baseUrl, string user, string password)
    {
        await using var context = await browser.NewContextAsync(new() { BaseURL = baseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
        return await context.StorageStateAsync();
    }

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser, string baseUrl, string storageState)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, StorageState = storageState, ViewportSize = new() { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        await context.AddInitScriptAsync(ReadyScript);
        return context;
    }

    private static async Task<(double[] Cold, double[] Warm)> MeasureAsync(IBrowser browser, string baseUrl, string storageState, string path)
    {
        await using var context = await NewContextAsync(browser, baseUrl, storageState);
        var page = await context.NewPageAsync();
        var cold = await LoadAsync(page, path);
        var warm = await LoadAsync(page, path);
        return (cold, warm);
    }

    /// <returns>The phases' ends (see <see cref="PhasesScript"/>), the last being "usable".</returns>
    private static async Task<double[]> LoadAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        // Usable, and still so a second later: a page that fills in after a first empty frame is timed to the fill.
        await page.WaitForFunctionAsync("() => window.__fpReadyAt !== undefined && performance.now() - window.__fpReadyAt > 1000", null, new() { PollingInterval = 100 });
        return await page.EvaluateAsync<double[]>(PhasesScript);
    }

    /// <summary>Bytes on the wire (Chromium's encodedDataLength: headers and bodies) for a first visit of / and for a reload.</summary>
    private static async Task<(long First, long Reload)> HomeBytesAsync(IBrowser browser, string baseUrl, string storageState)
    {
        await using var context = await NewContextAsync(browser, baseUrl, storageState);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        long received = 0;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) => Interlocked.Add(ref received, (long)e!.Value.GetProperty("encodedDataLength").GetDouble());
        await cdp.SendAsync("Network.enable");
        await LoadAsync(page, "/");
        var first = Interlocked.Exchange(ref received, 0);
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => window.__fpReadyAt !== undefined && performance.now() - window.__fpReadyAt > 1000", null, new() { PollingInterval = 100 });
        return (first, Interlocked.Read(ref received));
    }
}
