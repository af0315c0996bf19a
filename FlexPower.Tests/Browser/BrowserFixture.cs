using FlexPower.Tests.Support;
using Microsoft.Playwright;

namespace FlexPower.Tests.Browser;

/// <summary>One running app and one headless Debian Chromium shared by the browser tests; each test gets its own browser context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public AppProcess App { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("FLEXPOWER_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Browser tests need Chromium at {chromium}: run 'apt-get install -y chromium' (as .ci/run does) or set FLEXPOWER_CHROMIUM.");
        Directory.CreateDirectory(ScreenshotDirectory);
        App = await AppProcess.StartAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }

    /// <summary>A fresh context (no cookies) whose page records console errors and failed or 4xx/5xx requests.</summary>
    public async Task<BrowserSession> NewSessionAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = App.BaseUrl, ViewportSize = new() { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var session = new BrowserSession(context, page);
        page.Console += (_, message) => { if (message.Type == "error") session.Problems.Add($"console: {message.Text}"); };
        page.RequestFailed += (_, request) => session.Problems.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) => { if (response.Status >= 400) session.Problems.Add($"HTTP {response.Status}: {response.Url}"); };
        return session;
    }
}

public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;
    public List<string> Problems { get; } = [];

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

    public ValueTask DisposeAsync() => context.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
