using System.Text;
using FlexPower.Core.Trades;

using FlexPower.Core.Data.TradeWrites;

namespace FlexPower.Tests.Unit;

public sealed class CheckedRowSpoolTests
{
    // Periods of 15 minutes to a day, quantities in tenths of MW, a product on two rows in three (one of them non-ASCII).
    private static Trade TradeNumber(int i) => new()
    {
        Id = $"id_{i}_é", TraderId = $"trader_{i % 7}", DeliveryDay = new DateOnly(2025, 3, 1).AddDays(i % 400), DeliveryHour = i % 24,
        DeliveryStartUtc = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(15 * i),
        DeliveryEndUtc = new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(15 * i + 15 * (1 + i % 96)),
        Product = (i % 3) switch { 0 => null, 1 => "XBID_Quarter_Hour_Power", _ => $"Block_{i}_é" },
        Direction = i % 2 == 0 ? TradeDirection.Buy : TradeDirection.Sell, Price = -999_999 + i, QuantityTenths = 1 + i % 1_000_000,
        ExecutionTimeUtc = new DateTime(2025, 2, 28, 12, 0, 0, DateTimeKind.Utc).AddTicks(i * 1_234_567L),
    };

    private static byte[] Huge { get; } = Encoding.UTF8.GetBytes(new string('r', 200_000));

    /// <summary>Every 1,000th row (from the 8th) is a rejection, the first of them longer than a block.</summary>
    private static CheckedRowSpool Spool(int rows)
    {
        var spool = CheckedRowSpool.Create();
        var ids = new byte[CheckedTrade.MaxUtf8Ids];
        for (var i = 0; i < rows; i++)
        {
            if (i % 1_000 == 7) spool.AddRejection(i + 2, i == 7 ? Huge : Encoding.UTF8.GetBytes($"raw {i}"), $"reason {i} ✓");
            else spool.AddTrade(CheckedTrade.Of(i + 2, Encoding.UTF8.GetBytes($"raw {i}"), TradeNumber(i), ids));
        }
        return spool;
    }

    private static void AssertReadsBack(CheckedRowSpool spool, int rows)
    {
        spool.Rewind();
        var read = 0;
        while (spool.Read(out var row))
        {
            var i = read++;
            Assert.Equal(i + 2, row.Line);
            if (i % 1_000 == 7)
            {
                Assert.Equal($"reason {i} ✓", row.Reason);
                Assert.Equal(i == 7 ? Huge.Length : $"raw {i}".Length, row.Raw.Length);
                continue;
            }
            Assert.Null(row.Reason);
            Assert.Equal($"raw {i}", Encoding.UTF8.GetString(row.Raw));
            var (expected, actual) = (TradeNumber(i), row.Trade.ToTrade());
            Assert.Empty(TradeRules.DifferingFields(expected, actual));
            Assert.Equal(expected.Id, actual.Id);
            Assert.Equal(i + 2, row.Trade.Line);
        }
        Assert.Equal(rows, read);
        Assert.Equal(spool.Length, spool.Position);
    }

    [Fact]
    public void RowsComeBackInOrder_AcrossBlocks_WithRowsLargerThanABlock_AsOftenAsTheyAreRead()
    {
        using var spool = Spool(20_000);
        AssertReadsBack(spool, 20_000);
        AssertReadsBack(spool, 20_000);
    }

    [Fact]
    public void AFewRows_ReadBackAsOftenAsAsked_AndNoRowIsAddedOnceReading()
    {
        using var spool = Spool(6);
        AssertReadsBack(spool, 6);
        AssertReadsBack(spool, 6);
        Assert.Throws<InvalidOperationException>(() => spool.AddRejection(99, [], "too late"));
    }
}
