using FlexPower.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace FlexPower.Tests.Browser;

/// <summary>A 390×844 phone: the columns that matter are on screen and wide enough for their figures; the menu gets out of the way.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneBrowserTests(BrowserFixture fixture)
{
    private const int Width = 390;

    [Fact]
    public async Task Manager_OnAPhone_SeesTheKeyColumnsOfEveryPage_Uncut()
    {
        await using var session = await fixture.StartAsync(width: Width, height: 844);
        using var _ = await ReportsBrowserTests.WithSampleTradesAsync(session.App); // an import for the history, the sample day for the reports
        await session.LoginAsync(KestrelApp.ManagerName, KestrelApp.ManagerPassword);
        await session.WaitForInteractiveAsync();

        await session.OpenAsync("/trades?from=2023-02-28&to=2023-02-28");
        await Expect(session.Page.Locator("#trades-grid tbody tr").First).ToContainTextAsync("2023-02-28");
        await AssertKeyColumnsAsync(session, "#trades-grid", "Delivery", "Cash [EUR]", "Side");

        await session.OpenAsync("/reports/day?trader=trader_2&day=2023-02-28");
        await Expect(session.Page.Locator("#hourly-total")).ToHaveTextAsync("-38.34 €");
        await AssertKeyColumnsAsync(session, "#hourly-table", "Hour", "PnL [EUR]");

        await session.OpenAsync("/reports?from=2023-02-20&to=2023-02-28&granularity=day");
        await Expect(session.Page.Locator("#leaderboard tbody tr").First).ToContainTextAsync("trader_");
        await AssertKeyColumnsAsync(session, "#leaderboard", "Trader", "PnL [EUR]");
        await AssertKeyColumnsAsync(session, "#period-table", "Day", "PnL [EUR]");

        await session.OpenAsync("/users");
        await Expect(session.Page.Locator("#users-grid tbody tr").First).ToBeVisibleAsync();
        await AssertKeyColumnsAsync(session, "#users-grid", "User name", "Role");

        await session.OpenAsync("/imports");
        await Expect(session.Page.Locator("#import-history tbody tr").First).ToContainTextAsync(".csv");
        await AssertKeyColumnsAsync(session, "#import-history", "File", "Status");

        await session.OpenAsync("/planner");
        await Expect(session.Page.Locator("#plan-table tbody tr").First).ToBeVisibleAsync();
        await AssertKeyColumnsAsync(session, "#plan-table", "Plant", "Output [MW]");
        var fleetName = await session.ColumnAsync("#fleet", "Name");
        Assert.NotNull(fleetName);
        Assert.True(fleetName.Width >= 120, $"the fleet's name column is {fleetName.Width:N0} px wide");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Trader_OnAPhone_SeesHourAndPnl_AndTheMenuClosesAfterAChoice()
    {
        await using var session = await fixture.StartAsync(width: Width, height: 844);
        var page = session.Page;
        await session.LoginAsync("ben", "Demo-Trader-2!");
        await session.WaitForInteractiveAsync();
        await Expect(page.Locator("#hourly-table tbody tr").First).ToBeVisibleAsync();
        await AssertKeyColumnsAsync(session, "#hourly-table", "Hour", "PnL [EUR]");
        await Expect(page.Locator("#nav-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));

        await page.ClickAsync("#nav-toggle");
        await Expect(page.Locator("#nav-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        await page.Locator("#nav-drawer").GetByText("Trades").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/trades$"));
        await Expect(page.Locator("#nav-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await Expect(page.Locator("#trades-grid tbody tr").First).ToContainTextAsync(" · ");
        await AssertKeyColumnsAsync(session, "#trades-grid", "Delivery", "Cash [EUR]");
        Assert.Empty(session.Problems);
    }

    /// <summary>Each column lies within the phone's width, is wider than zero, and none of its cells cuts off its text.</summary>
    private static async Task AssertKeyColumnsAsync(BrowserSession session, string table, params string[] headers)
    {
        foreach (var header in headers)
        {
            var column = await session.ColumnAsync(table, header);
            Assert.True(column is not null, $"{table} has a '{header}' column");
            Assert.True(column.Cells > 0, $"{table} '{header}' has rows");
            Assert.True(column.Left >= 0 && column.Right <= Width, $"{table} '{header}' is on screen ({column.Left:N0}–{column.Right:N0} px of {Width})");
            // A header box is fractional, scrollWidth a whole pixel: a pixel's tolerance.
            Assert.True(column.ContentWidth <= column.Width + 1 && column.ClippedCells == 0,
                $"{table} '{header}' is {column.Width:N0} px wide, its content needs {column.ContentWidth:N0} px ({column.ClippedCells} cells cut)");
        }
    }
}
