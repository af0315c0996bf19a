using FlexPower.Core.Accounts;
using FlexPower.Core.Common;
using FlexPower.Core.Planning;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

public sealed class ScenarioServiceTests : IAsyncLifetime
{
    private static readonly Caller Anna = new("anna", false, "trader_1");
    private static readonly Caller Ben = new("ben", false, "trader_2");
    private static readonly Caller Boss = new("boss", true, null);
    private CoreHost host = default!;
    private ScenarioService scenarios = default!;

    public async ValueTask InitializeAsync()
    {
        host = await CoreHost.StartAsync();
        scenarios = host.Get<ScenarioService>();
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SavedScenario_ReopensWithItsCo2Choice(bool includeCo2)
    {
        var request = PlannerExamples.All[0].Request with { IncludeCo2 = includeCo2 };
        var saved = await scenarios.SaveAsync(Anna, "co2 test", request, TestContext.Current.CancellationToken);

        var reopened = await scenarios.OpenAsync(Anna, saved.Id, TestContext.Current.CancellationToken);

        Assert.Equal(includeCo2, reopened.IncludeCo2);
        Assert.Equal(ProductionPlanner.Solve(request).TotalCost, ProductionPlanner.Solve(reopened).TotalCost);
    }

    [Fact]
    public async Task Scenario_OfAnotherTrader_IsForbidden_ButAManagerOpensIt()
    {
        var saved = await scenarios.SaveAsync(Anna, "mine", PlannerExamples.All[0].Request, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ForbiddenException>(() => scenarios.OpenAsync(Ben, saved.Id, TestContext.Current.CancellationToken));
        Assert.Equal(PlannerExamples.All[0].Request.Load, (await scenarios.OpenAsync(Boss, saved.Id, TestContext.Current.CancellationToken)).Load);
        Assert.Empty(await scenarios.ListAsync(Ben, TestContext.Current.CancellationToken));
        Assert.Single(await scenarios.ListAsync(Boss, TestContext.Current.CancellationToken));
    }
}
