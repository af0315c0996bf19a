using FlexPower.Tests.Support;
using Microsoft.Playwright;

namespace FlexPower.Tests.Browser;

/// <summary>One headless Debian Chromium shared by the browser tests; each test starts an app of its own and opens contexts on it.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("FLEXPOWER_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Browser tests need Chromium at {chromium}: run 'apt-get install -y chromium' (as .ci/run does) or set FLEXPOWER_CHROMIUM.");
        Directory.CreateDirectory(ScreenshotDirectory);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }

    /// <summary>A fresh app on its own database (the test owns all of its data) and a first browser session on it.</summary>
    public async Task<BrowserSession> StartAsync(bool seedDemo = true, int width = 1440, int height = 900)
    {
        var app = KestrelApp.Start(seedDemo);
        return await BrowserSession.OpenAsync(browser!, app, ownsApp: true, width, height);
    }

    /// <summary>A browser session on an app the test started and disposes itself (e.g. one of several instances).</summary>
    public Task<BrowserSession> OpenAsync(KestrelApp app, int width = 1440, int height = 900) =>
        BrowserSession.OpenAsync(browser!, app, ownsApp: false, width, height);
}

/// <summary>A browser context (its own cookies) on a test's app, whose page records console errors and failed or 4xx/5xx requests.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowser browser;
    private readonly IBrowserContext context;
    private readonly bool ownsApp;

    private BrowserSession(IBrowser browser, IBrowserContext context, IPage page, KestrelApp app, bool ownsApp) =>
        (this.browser, this.context, Page, App, this.ownsApp) = (browser, context, page, app, ownsApp);

    public KestrelApp App { get; }
    public IPage Page { get; }
    public List<string> Problems { get; } = [];

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, KestrelApp app, bool ownsApp, int width = 1440, int height = 900)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(browser, context, page, app, ownsApp);
        page.Console += (_, message) => { if (message.Type == "error") session.Problems.Add($"console: {message.Text}"); };
        page.RequestFailed += (_, request) => session.Problems.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) => { if (response.Status >= 400) session.Problems.Add($"HTTP {response.Status}: {response.Url}"); };
        return session;
    }

    /// <summary>Another user's browser on the same app (separate cookies).</summary>
    public Task<BrowserSession> AnotherUserAsync(int width = 1440, int height = 900) => OpenAsync(browser, App, ownsApp: false, width, height);

    /// <summary>The theme choice the app reads from its cookie (what the toggle in the app bar writes).</summary>
    public Task UseThemeAsync(bool dark) =>
        context.AddCookiesAsync([new Cookie { Name = "FlexPowerTheme", Value = dark ? "dark" : "light", Url = App.BaseUrl }]);

    public async Task LoginAsync(string userName, string password)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#username", userName);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("button[type=submit]");
    }

    /// <summary>Waits until the page's Blazor circuit is live, so clicks reach event handlers rather than prerendered HTML.</summary>
    public Task WaitForInteractiveAsync() => Page.Locator("main[data-interactive=true]").WaitForAsync();

    /// <summary>Opens a page and waits until it is interactive.</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
    }

    /// <summary>Picks an option of a MudSelect (its input has the id) from the list it opens.</summary>
    public async Task ChooseAsync(string selectId, string option)
    {
        await Page.ClickAsync($"#{selectId}");
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^\\s*{System.Text.RegularExpressions.Regex.Escape(option)}\\s*$") }).ClickAsync();
    }

    /// <summary>Where a table column is on screen and whether any of its cells cuts its content off.</summary>
    public Task<ColumnBox?> ColumnAsync(string table, string header) => Page.EvaluateAsync<ColumnBox?>("""
        ({ table, header }) => {
          const root = document.querySelector(table);
          if (!root) return null;
          const headers = [...root.querySelectorAll('thead th')];
          const index = headers.findIndex(th => th.innerText.trim().toLowerCase().startsWith(header.toLowerCase()));
          if (index < 0) return null;
          const box = headers[index].getBoundingClientRect();
          const cells = [...root.querySelectorAll('tbody tr')].map(row => row.children[index]).filter(cell => cell && cell.tagName === 'TD');
          return {
            left: box.left, right: box.right, width: box.width,
            contentWidth: Math.max(0, ...cells.map(cell => cell.scrollWidth)),
            cells: cells.length,
            clippedCells: cells.filter(cell => cell.scrollWidth > cell.clientWidth + 1).length,
          };
        }
        """, new { table, header });

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        if (ownsApp) await App.DisposeAsync();
    }
}

/// <summary>A table column's on-screen box (CSS px) and how many of its cells are narrower than their content.</summary>
public sealed class ColumnBox
{
    public double Left { get; set; }
    public double Right { get; set; }
    public double Width { get; set; }
    public double ContentWidth { get; set; }
    public int Cells { get; set; }
    public int ClippedCells { get; set; }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
