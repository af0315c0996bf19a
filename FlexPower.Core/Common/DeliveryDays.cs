namespace FlexPower.Core.Common;

/// <summary>
/// The delivery days FlexPower accepts anywhere (trades, report parameters, page filters, the command line): far enough
/// apart for any desk's history, and far enough from DateOnly's limits that stepping by weeks or months never overflows.
/// </summary>
public static class DeliveryDays
{
    public static readonly DateOnly First = new(1900, 1, 1);
    public static readonly DateOnly Last = new(2999, 12, 31);

    public static bool Contains(DateOnly day) => day >= First && day <= Last;

    public static string Describe => $"between {DayFormat.Of(First)} and {DayFormat.Of(Last)}";
}
