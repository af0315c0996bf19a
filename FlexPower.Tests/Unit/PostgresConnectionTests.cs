using FlexPower.Core.Data.Postgres;
using Npgsql;

namespace FlexPower.Tests.Unit;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void Pooled_ResetNotNamed_SkipsTheReset()
    {
        var pooled = new NpgsqlConnectionStringBuilder(new PostgresConnection("Host=db;Database=flexpower;Username=desk;Max Auto Prepare=20").Pooled);

        Assert.Equal((true, 20, "db", "flexpower"), (pooled.NoResetOnClose, pooled.MaxAutoPrepare, pooled.Host, pooled.Database));
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false")]
    [InlineData("Host=db;noresetonclose=false")]
    public void Pooled_ResetNamed_KeepsIt(string configured) =>
        Assert.False(new NpgsqlConnectionStringBuilder(new PostgresConnection(configured).Pooled).NoResetOnClose);

    [Fact]
    public void Dedicated_IsNeverPooledAndNeverPrepares()
    {
        var dedicated = new NpgsqlConnectionStringBuilder(new PostgresConnection("Host=db;Database=flexpower").Dedicated);

        Assert.Equal((false, 0), (dedicated.Pooling, dedicated.MaxAutoPrepare));
    }
}
