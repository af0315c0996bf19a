using FlexPower.Core.Alerts;
using FlexPower.Core.Alerts.Delivery;
using FlexPower.Core.Cluster;
using FlexPower.Core.Common;
using FlexPower.Core.Import;
using FlexPower.Core.Limits;
using FlexPower.Core.Prices;
using FlexPower.Core.Trades;

namespace FlexPower.Tests.Unit;

public sealed class ChangeMessagesTests
{
    private static readonly Guid Origin = Guid.NewGuid();

    [Fact]
    public void TradesChanged_RoundTrips_WithItsOrigin()
    {
        var change = new TradesChanged(new HashSet<string> { "trader_1", "trader_2" }, new HashSet<DateOnly> { new(2023, 2, 28), new(2023, 3, 26) });

        var message = Assert.Single(ChangeMessages.Encode(Origin, change));
        var (origin, decoded) = ChangeMessages.Decode(message)!.Value;

        Assert.Equal(Origin, origin);
        var trades = Assert.IsType<TradesChanged>(decoded);
        Assert.Equal(change.TraderIds.Order(), trades.TraderIds.Order());
        Assert.Equal(change.DeliveryDays.Order(), trades.DeliveryDays.Order());
    }

    [Fact]
    public void ImportRecorded_RoundTrips()
    {
        var change = new ImportRecorded(42, "epex_trades_20230228.csv", ImportStatus.Imported, "inbox");

        var decoded = ChangeMessages.Decode(Assert.Single(ChangeMessages.Encode(Origin, change)))!.Value.Change;

        Assert.Equal(change, decoded);
    }

    [Fact]
    public void PricesLimitsAndAlertChanges_ReachTheOtherInstances()
    {
        Change[] changes =
        [
            new PricesChanged("day-ahead", new DateOnly(2025, 10, 25), new DateOnly(2025, 10, 26)), new LimitsChanged("trader_1"),
            new AlertsChanged(2, 1), new AlertDeliveriesChanged(),
        ];
        foreach (var change in changes)
            Assert.Equal(change, ChangeMessages.Decode(Assert.Single(ChangeMessages.Encode(Origin, change)))!.Value.Change);
    }

    [Theory]
    [InlineData(3650, 50)]   // ten years of one desk's days: split by days
    [InlineData(10, 1000)]   // a thousand traders on a few days: split by traders
    [InlineData(3650, 1000)]
    public void LargeTradesChanged_IsSplitIntoFewMessagesThatFitANotification_AndTogetherNameEverything(int dayCount, int traderCount)
    {
        var days = Enumerable.Range(0, dayCount).Select(i => new DateOnly(2020, 1, 1).AddDays(i)).ToHashSet();
        var traders = Enumerable.Range(0, traderCount).Select(i => $"trader_with_a_long_name_{i:D4}").ToHashSet();

        var messages = ChangeMessages.Encode(Origin, new TradesChanged(traders, days)).ToList();

        Assert.InRange(messages.Count, 2, 200); // the largest case needs about 100 at the least
        Assert.All(messages, m => Assert.True(System.Text.Encoding.UTF8.GetByteCount(m) <= ChangeMessages.MaxBytes));
        var parts = messages.Select(m => (TradesChanged)ChangeMessages.Decode(m)!.Value.Change).ToList();
        var covered = parts.SelectMany(p => p.TraderIds.SelectMany(t => p.DeliveryDays.Select(d => (t, d)))).ToHashSet();
        Assert.Equal(dayCount * traderCount, covered.Count); // every trader on every day is named by some message
    }

    [Fact]
    public void ChangesThatStayInTheirInstance_AreNotSent_NorTakenFromAnother()
    {
        Assert.Empty(ChangeMessages.Encode(Origin, new MissingFileAlertsChanged()));
        Assert.Null(ChangeMessages.Decode($$$"""{"Origin":"{{{Origin}}}","Type":"MissingFileAlertsChanged","Change":{}}"""));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Origin\":\"00000000-0000-0000-0000-000000000001\",\"Type\":\"SomethingNewer\",\"Change\":{}}")]
    public void UnknownOrMalformedMessages_DecodeToNothing(string message)
    {
        Assert.Null(ChangeMessages.Decode(message));
    }
}
