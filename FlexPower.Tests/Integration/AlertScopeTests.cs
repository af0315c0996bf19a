using FlexPower.Core.Accounts;
using FlexPower.Core.Alerts;
using FlexPower.Core.Data;
using FlexPower.Core.Limits;
using FlexPower.Tests.Support;

namespace FlexPower.Tests.Integration;

/// <summary>Which alerts each caller reads: a manager the whole desk, a trader only the limit breaches of their own trader id.</summary>
public abstract class AlertScopeTests(DatabaseProvider provider)
{
    private static readonly DateOnly Day = new(2023, 2, 28);
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Trader_ReadsOnlyTheirOwnLimitBreaches_ManagerReadsEveryAlert()
    {
        await using var core = await CoreHost.StartAsync(provider: provider);
        var writer = core.Get<AlertWriter>();
        await writer.SyncAsync([AlertKinds.MissingFile], _ => true, [new WantedAlert(AlertKinds.MissingFile, "trader_1 epex.csv", "missing")], _ => "", Token);
        await writer.SyncAsync([AlertKinds.OpenPositionLimit, AlertKinds.DailyLossLimit], _ => true,
        [
            new WantedAlert(AlertKinds.OpenPositionLimit, LimitRules.HourSubject("trader_1", Day, 9), "own hour"),
            new WantedAlert(AlertKinds.DailyLossLimit, LimitRules.DaySubject("trader_1", Day), "own day"),
            new WantedAlert(AlertKinds.OpenPositionLimit, LimitRules.HourSubject("trader_10", Day, 9), "a longer id with the same start"),
            new WantedAlert(AlertKinds.OpenPositionLimit, LimitRules.HourSubject("traderx1", Day, 9), "'_' is no wildcard"),
            new WantedAlert(AlertKinds.DailyLossLimit, LimitRules.DaySubject("trader_2", Day), "someone else"),
        ], _ => "", Token);
        var service = core.Get<AlertService>();

        var own = await service.ListAsync(new Caller("anna", false, "trader_1"), AlertState.Open, cancellationToken: Token);
        var all = await service.ListAsync(new Caller("admin", true, null), AlertState.Open, cancellationToken: Token);

        Assert.Equal(["own day", "own hour"], own.Select(a => a.Message).Order());
        Assert.Equal(6, all.Count);
        Assert.Equal(["own day", "own hour"], (await service.ListAsync(new Caller("anna", false, "trader_1"), AlertState.All, cancellationToken: Token)).Select(a => a.Message).Order());
        Assert.Empty(await service.ListAsync(new Caller("nobody", false, null), AlertState.Open, cancellationToken: Token));
        Assert.Empty(await service.ListAsync(new Caller("zoe", false, "trader_3"), AlertState.Open, cancellationToken: Token));
    }

    [Fact]
    public async Task Trader_CannotReadTheDeliveryLog_NorAcknowledge()
    {
        await using var core = await CoreHost.StartAsync(provider: provider);
        await core.Get<AlertWriter>().SyncAsync([AlertKinds.DailyLossLimit], _ => true, [new WantedAlert(AlertKinds.DailyLossLimit, LimitRules.DaySubject("trader_1", Day), "own day")], _ => "", Token);
        var service = core.Get<AlertService>();
        var trader = new Caller("anna", false, "trader_1");
        var alert = Assert.Single(await service.ListAsync(trader, AlertState.Open, cancellationToken: Token));

        await Assert.ThrowsAsync<FlexPower.Core.Common.ForbiddenException>(() => service.DeliveriesAsync(trader, cancellationToken: Token));
        await Assert.ThrowsAsync<FlexPower.Core.Common.ForbiddenException>(() => service.AcknowledgeAsync(trader, alert.Id, Token));
    }
}

public sealed class AlertScopeTests_Sqlite() : AlertScopeTests(DatabaseProvider.Sqlite);

public sealed class AlertScopeTests_Postgres() : AlertScopeTests(DatabaseProvider.Postgres);
