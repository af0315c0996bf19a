using FlexPower.Core.Data.Postgres;
using Npgsql;

namespace FlexPower.Tests.Unit;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void Pooled_NeitherSettingGiven_PreparesStatementsAndSkipsTheReset()
    {
        var pooled = new NpgsqlConnectionStringBuilder(new PostgresConnection("Host=db;Database=flexpower;Username=desk").Pooled);

        Assert.Equal((50, true, "db", "flexpower"), (pooled.MaxAutoPrepare, pooled.NoResetOnClose, pooled.Host, pooled.Database));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;NoResetOnClose=false")]
    public void Pooled_SettingsGiven_KeepsThem(string configured)
    {
        var pooled = new NpgsqlConnectionStringBuilder(new PostgresConnection(configured).Pooled);

        Assert.Equal((0, false), (pooled.MaxAutoPrepare, pooled.NoResetOnClose));
    }

    [Fact]
    public void Dedicated_IsNeverPooledAndNeverPrepares()
    {
        var dedicated = new NpgsqlConnectionStringBuilder(new PostgresConnection("Host=db;Database=flexpower").Dedicated);

        Assert.Equal((false, 0), (dedicated.Pooling, dedicated.MaxAutoPrepare));
    }
}
