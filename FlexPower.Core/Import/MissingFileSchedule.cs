using System.Globalization;
using System.Text.RegularExpressions;
using FlexPower.Core.Common;

namespace FlexPower.Core.Import;

/// <summary>A trade day whose exchange file had not been imported by its deadline.</summary>
public sealed record MissingFileAlert(DateOnly TradeDay, string FileName, DateTimeOffset ExpectedByUtc, DateTimeOffset RaisedUtc)
{
    public string Message => $"{FileName} (trades of {DayFormat.Of(TradeDay)}) had not been imported by its deadline " +
        $"{TimeZoneInfo.ConvertTime(ExpectedByUtc, BerlinTime.Zone):yyyy-MM-dd HH:mm} Europe/Berlin. Check the exchange drop and the inbox folder.";
}

/// <summary>
/// When the exchange's nightly file is due and when to look again — pure, so tests can walk it across midnight and
/// both clock changes. The file for trade day D is due at <c>ExpectedBy</c> (Berlin) on D+1.
/// </summary>
public static partial class MissingFileSchedule
{
    public static string FileNameFor(DateOnly tradeDay) => $"epex_trades_{tradeDay:yyyyMMdd}.csv";

    public static bool TryParseFileName(string fileName, out DateOnly tradeDay)
    {
        tradeDay = default;
        var match = ExchangeFileName().Match(fileName);
        return match.Success && DateOnly.TryParseExact(match.Groups["day"].Value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out tradeDay);
    }

    public static DateTimeOffset DeadlineUtc(DateOnly tradeDay, TimeOnly expectedBy) =>
        new(TimeZoneInfo.ConvertTimeToUtc(tradeDay.AddDays(1).ToDateTime(expectedBy), BerlinTime.Zone), TimeSpan.Zero);

    /// <summary>The trade days whose file is overdue, and when to check again.</summary>
    public static (IReadOnlyList<DateOnly> Missing, DateTimeOffset NextCheckUtc) Evaluate(
        DateTimeOffset nowUtc, ImportOptions options, IReadOnlySet<DateOnly> importedDays)
    {
        var today = BerlinTime.DayOf(nowUtc);
        var yesterday = today.AddDays(-1);
        var missing = Enumerable.Range(1, Math.Max(1, options.AlertLookbackDays))
            .Select(back => today.AddDays(-back))
            .Where(day => nowUtc >= DeadlineUtc(day, options.ExpectedBy) && !importedDays.Contains(day))
            .OrderBy(day => day)
            .ToList();

        DateTimeOffset next;
        var deadline = DeadlineUtc(yesterday, options.ExpectedBy);
        if (!importedDays.Contains(yesterday) && nowUtc < deadline)
            next = Min(nowUtc + options.RetryEvery, deadline); // waiting for tonight's file: look again soon, and exactly at the deadline
        else if (missing.Count > 0)
            next = nowUtc + options.RetryEvery; // an alert is open: keep looking so it clears when the file arrives
        else
            next = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue), BerlinTime.Zone), TimeSpan.Zero);
        return (missing, next);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    [GeneratedRegex(@"^epex_trades_(?<day>\d{8})\.csv$")]
    private static partial Regex ExchangeFileName();
}
