using FlexPower.Core.Data;
using FlexPower.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace FlexPower.Tests.Unit;

public sealed class DatabaseOutageTests
{
    private static readonly Exception DiskFull = new SqliteException("database or disk is full", 13, 13);
    private static readonly Exception SessionRefused = new PostgresException("could not write init file", "FATAL", "FATAL", "XX000");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero));
    private readonly LogCapture logs = new();

    private DatabaseOutage Outage() => new(clock, new Logger<DatabaseOutage>(new LoggerFactory([logs])));

    private IReadOnlyList<string> Refusals() => [.. logs.MessagesOf<DatabaseOutage>().Where(m => m.StartsWith("The database refuses writes"))];

    [Fact]
    public void Refusal_ReasonsAlternatingInOneEpisode_EachLoggedOnce_HealthSaysTheLatest()
    {
        var outage = Outage();

        foreach (var failure in new[] { DiskFull, SessionRefused, DiskFull, SessionRefused, DiskFull })
        {
            Assert.NotNull(outage.Refusal(failure));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Collection(Refusals(), m => Assert.Contains("disk is full", m), m => Assert.Contains("refused a session", m));
        Assert.StartsWith("The database's disk is full", outage.Problem);
    }

    [Fact]
    public void Refusal_AfterAWriteWasStored_BeginsAnotherEpisode_LoggedAgain()
    {
        var outage = Outage();
        outage.Refusal(DiskFull);

        outage.Stored();
        outage.Refusal(DiskFull);

        Assert.Equal(2, Refusals().Count);
        Assert.Single(logs.MessagesOf<DatabaseOutage>(), m => m.StartsWith("The database takes writes again"));
    }

    [Fact]
    public void Refusal_QuietLongerThanQuietAfter_HealthRecovers_AndTheNextRefusalIsLoggedAgain()
    {
        var outage = Outage();
        outage.Refusal(DiskFull);

        clock.Advance(DatabaseOutage.QuietAfter + TimeSpan.FromSeconds(1));
        Assert.Null(outage.Problem);
        outage.Refusal(DiskFull);

        Assert.Equal(2, Refusals().Count);
        Assert.NotNull(outage.Problem);
    }

    [Fact]
    public void Refusal_OfAnotherFailure_IsNoRefusal_AndLogsNothing()
    {
        var outage = Outage();

        Assert.Null(outage.Refusal(new SqliteException("UNIQUE constraint failed", 19, 19 | 8 << 8)));

        Assert.Empty(logs.MessagesOf<DatabaseOutage>());
        Assert.Null(outage.Problem);
    }
}
