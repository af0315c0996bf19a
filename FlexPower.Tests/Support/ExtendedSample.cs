using System.Text;

namespace FlexPower.Tests.Support;

/// <summary>
/// docs/samples/trades_extended_20251026.csv (the exchange's columns plus delivery_start, delivery_end and product) with a seventh
/// row, on line 8, whose start (03:05Z) is off the quarter-hour grid; and the trades its six good rows are, as they read back.
/// </summary>
public static class ExtendedSample
{
    public const string OffGridRow = "x_7,9000,1.5,buy,,,trader_1,2025-10-26T00:00:00Z,2025-10-26T03:05:00Z,2025-10-26T03:20:00Z,XBID_Quarter_Hour_Power";
    public const int OffGridLine = 8;
    public const string OffGridReason = "delivery_start must be on the quarter-hour grid: minute 00, 15, 30 or 45, no seconds (got 2025-10-26T03:05:00Z).";

    public static readonly byte[] Bytes = File.ReadAllBytes(Path.Combine(Reference.RepositoryRoot, "docs", "samples", "trades_extended_20251026.csv"))
        .Concat(Encoding.UTF8.GetBytes(OffGridRow + "\n")).ToArray();

    public static string Text => Encoding.UTF8.GetString(Bytes);

    /// <summary>
    /// Id, quantity as the API prints it, trader, delivery day and hour, start, end, product — hand-derived: 2025-10-26 is the
    /// autumn clock-change day, summer time until 01:00Z.
    /// </summary>
    public static readonly (string Id, string Quantity, string Trader, string Day, int Hour, string Start, string End, string? Product)[] Trades =
    [
        ("x_1", "12", "trader_1", "2025-10-26", 2, "2025-10-26T00:00:00Z", "2025-10-26T01:00:00Z", null), // the legacy form: the first 02:00
        ("x_2", "7.5", "trader_1", "2025-10-26", 2, "2025-10-26T01:00:00Z", "2025-10-26T02:00:00Z", "XBID_Hour_Power"), // the repeated 02:00
        ("x_3", "3", "trader_1", "2025-10-26", 2, "2025-10-26T01:15:00Z", "2025-10-26T01:30:00Z", "XBID_Quarter_Hour_Power"),
        ("x_4", "10", "trader_2", "2025-10-26", 3, "2025-10-26T02:30:00Z", "2025-10-26T03:00:00Z", "XBID_Half_Hour_Power"),
        ("x_5", "20", "trader_2", "2025-10-26", 14, "2025-10-26T13:00:00Z", "2025-10-26T14:00:00Z", "XBID_Hour_Power"), // both forms, naming the same hour
        ("x_6", "4", "trader_2", "2025-10-26", 7, "2025-10-26T06:00:00Z", "2025-10-26T10:00:00Z", "Intraday_Block_Power"),
    ];
}
