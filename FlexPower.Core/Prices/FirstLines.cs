using FlexPower.Core.Common;

namespace FlexPower.Core.Prices;

/// <summary>
/// The line of a file that first gave each delivery hour, so that a repeat can name it. Kept in pages of the calendar,
/// allocated as the file reaches them: its size follows the days a file covers (a page of 1,024 days is 96 KiB, every
/// day FlexPower accepts 38 MiB), never the number of lines.
/// </summary>
internal sealed class FirstLines
{
    private const int DaysPerPage = 1024;
    private static readonly int FirstDay = DeliveryDays.First.DayNumber;

    private readonly int[]?[] pages = new int[]?[(DeliveryDays.Last.DayNumber - FirstDay) / DaysPerPage + 1];

    /// <summary>Records <paramref name="line"/> as the one that gave the hour, unless an earlier line did: then that line.</summary>
    public int? Add(DateOnly day, int hour, int line)
    {
        var offset = day.DayNumber - FirstDay;
        var page = pages[offset / DaysPerPage] ??= new int[DaysPerPage * 24];
        ref var first = ref page[offset % DaysPerPage * 24 + hour];
        if (first != 0) return first; // line numbers start at 1, so 0 is "not given yet"
        first = line;
        return null;
    }
}
