using FlexPower.Core.Audit;
using FlexPower.Core.Common;

namespace FlexPower.Tests.Unit;

public sealed class AuditFilterTests
{
    [Fact]
    public void Days_AreWholeBerlinDays_ToInclusive_EvenOnTheClockChange()
    {
        var filter = AuditFilter.Parse(" boss ", "limit.set", "2025-10-26", "2025-10-26", null, null);

        Assert.Equal(("boss", "limit.set"), (filter.User, filter.Kind));
        Assert.Equal(new DateTime(2025, 10, 25, 22, 0, 0, DateTimeKind.Utc), filter.FromUtc);
        Assert.Equal(new DateTime(2025, 10, 26, 23, 0, 0, DateTimeKind.Utc), filter.ToUtc); // 25 hours later
        Assert.Equal(AuditFilter.DefaultTake, filter.Take);
    }

    [Fact]
    public void Instants_NeedZOrAnOffset_AndAreTakenAsGiven()
    {
        var filter = AuditFilter.Parse(null, null, "2026-03-01T08:00:00+01:00", "2026-03-01T09:30:00Z", "42", "1000");

        Assert.Equal(new DateTime(2026, 3, 1, 7, 0, 0, DateTimeKind.Utc), filter.FromUtc);
        Assert.Equal(new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc), filter.ToUtc);
        Assert.Equal((42L, 1000), (filter.BeforeId, filter.Take));
    }

    [Theory]
    [InlineData(null, "user.delete", null, null, null, null, "kind 'user.delete' is unknown")]
    [InlineData(null, null, "2026-02-30", null, null, null, "from must be a day as YYYY-MM-DD")]
    [InlineData(null, null, null, "2026-03-01T08:00:00", null, null, "to must be a day as YYYY-MM-DD (Europe/Berlin) or an instant with Z or an offset")]
    [InlineData(null, null, "2026-03-02", "2026-03-01", null, null, "from (2026-03-02) must be before to (2026-03-01)")]
    [InlineData(null, null, "1899-12-31", null, null, null, "from must be a day from 1900-01-01 to 2999-12-31")]
    [InlineData(null, null, null, null, "0", null, "before_id must be a whole number from 1")]
    [InlineData(null, null, null, null, null, "1001", "take must be a whole number from 1 to 1,000")]
    [InlineData("bo\u0001ss", null, null, null, null, null, "user")]
    public void BadValues_AreRefused_NamingTheParameter(string? user, string? kind, string? from, string? to, string? beforeId, string? take, string expected)
    {
        var refused = Assert.Throws<ValidationFailedException>(() => AuditFilter.Parse(user, kind, from, to, beforeId, take));

        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public void Changes_OfAnUpdate_AreTheFieldsThatDiffer_AndOfACreation_TheFieldsWithAValue()
    {
        var update = new AuditEntry { UserName = "boss", Kind = AuditKinds.LimitSet, Subject = "trader_1", Before = """{"max_open_mw":40,"max_daily_loss_eur":null}""", After = """{"max_open_mw":25,"max_daily_loss_eur":5000}""" };
        var creation = new AuditEntry { UserName = "boss", Kind = AuditKinds.UserCreated, Subject = "dora", After = """{"user_name":"dora","trader_id":null,"disabled":false}""" };

        Assert.Equal([new AuditChange("max_open_mw", "40", "25"), new AuditChange("max_daily_loss_eur", null, "5000")], AuditChanges.Of(update));
        Assert.Equal([new AuditChange("user_name", null, "dora"), new AuditChange("disabled", null, "false")], AuditChanges.Of(creation));
    }
}
