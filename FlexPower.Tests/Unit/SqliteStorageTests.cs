using System.Globalization;
using System.Text;
using FlexPower.Core.Data;
using FlexPower.Core.Data.Sqlite;

namespace FlexPower.Tests.Unit;

public sealed class SqliteStorageTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(5_000_000L)]
    [InlineData(1_234_500L)]
    [InlineData(9_999_999L)]
    [InlineData(10_000_000L * 59)]
    public void Utc_IsWhatEfStoresForADateTime(long ticksAfter)
    {
        var utc = new DateTime(2023, 2, 28, 23, 59, 0, DateTimeKind.Utc).AddTicks(ticksAfter);
        Span<byte> text = stackalloc byte[SqliteStorage.MaxInstantLength];
        Assert.Equal(utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), Encoding.UTF8.GetString(text[..SqliteStorage.Instant(utc, text)]));
    }

    [Fact]
    public void Day_IsYearMonthDay()
    {
        Span<byte> text = stackalloc byte[SqliteStorage.DayLength];
        Assert.Equal("0987-03-09", Encoding.UTF8.GetString(text[..SqliteStorage.Day(new DateOnly(987, 3, 9), text)]));
    }
}
