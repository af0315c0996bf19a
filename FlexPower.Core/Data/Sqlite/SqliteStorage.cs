using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FlexPower.Core.Data.Sqlite;

/// <summary>
/// How SQLite stores days and instants: ISO text that orders and compares correctly. The EF mapping (as value
/// converters) and the raw SQL of the bulk paths both use these, so the format is written down once.
/// </summary>
public static class SqliteStorage
{
    private const string DayFormat = "yyyy-MM-dd";
    private const string InstantFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF";

    public static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, DayFormat, CultureInfo.InvariantCulture);

    /// <summary>A UTC instant; its Kind is not trusted, the value is taken as UTC.</summary>
    public static string Instant(DateTime utc) => utc.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static DateTime ParseInstant(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public sealed class DayConverter() : ValueConverter<DateOnly, string>(d => Day(d), s => ParseDay(s));

    public sealed class InstantConverter() : ValueConverter<DateTime, string>(t => Instant(t), s => ParseInstant(s));
}
