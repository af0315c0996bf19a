using FlexPower.Core.Common;

namespace FlexPower.Core.Prices;

/// <summary>
/// The line of a file that first priced each quarter-hour, so that a period overlapping an earlier one can name it. Kept
/// in pages of the calendar, allocated as the file reaches them: its size follows the days a file covers (a page of 1,024
/// days of 100 quarters is 400 KiB), never the number of lines.
/// </summary>
internal sealed class FirstLines
{
    private const int DaysPerPage = 1024;
    private const int QuartersPerDay = 100;
    private static readonly int FirstDay = DeliveryDays.First.DayNumber;

    private readonly int[]?[] pages = new int[]?[(DeliveryDays.Last.DayNumber - FirstDay) / DaysPerPage + 1];

    /// <summary>Records <paramref name="line"/> as the one that priced the period's quarters, unless an earlier line priced one of them: then that line.</summary>
    public int? Add(DateOnly day, int firstQuarter, int quarters, int line)
    {
        var offset = day.DayNumber - FirstDay;
        var page = pages[offset / DaysPerPage] ??= new int[DaysPerPage * QuartersPerDay];
        var period = page.AsSpan(offset % DaysPerPage * QuartersPerDay + firstQuarter, quarters);
        foreach (var first in period)
            if (first != 0) return first; // line numbers start at 1, so 0 is "not priced yet"
        period.Fill(line);
        return null;
    }
}
