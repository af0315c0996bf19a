using FlexPower.Tests.Support;
using Microsoft.Playwright;

namespace FlexPower.Tests.Browser;

/// <summary>One headless Debian Chromium shared by the browser tests; each test starts an app of its own and opens contexts on it.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
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

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }

    /// <summary>A fresh app on its own database (the test owns all of its data) and a first browser session on it.</summary>
    public async Task<BrowserSession> StartAsync(bool seedDemo = true)
    {
        var app = KestrelApp.Start(seedDemo);
        return await BrowserSession.OpenAsync(browser!, app, ownsApp: true);
    }
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

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, KestrelApp app, bool ownsApp, int width = 1400, int height = 900)
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
    public Task<BrowserSession> AnotherUserAsync() => OpenAsync(browser, App, ownsApp: false);

    public async Task LoginAsync(string userName, string password)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.FillAsync("#username", userName);
        await Page.FillAsync("#password", password);
        await Page.ClickAsync("button[type=submit]");
    }

    /// <summary>Waits until the page's Blazor circuit is live, so clicks reach event handlers rather than prerendered HTML.</summary>
    public Task WaitForInteractiveAsync() => Page.Locator("main[data-interactive=true]").WaitForAsync();

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await context.DisposeAsync();
        if (ownsApp) await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
