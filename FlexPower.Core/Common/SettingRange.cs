using System.Globalization;
using Microsoft.Extensions.Options;

namespace FlexPower.Core.Common;

/// <summary>
/// The allowed range of a numeric or time-span setting, checked at start-up: a value outside it (a negative size, a zero
/// interval that would spin a loop) stops the start with one line naming the setting and the range.
/// </summary>
public static class SettingRange
{
    public static string? Check(string key, long value, long min, long max, string unit) =>
        value >= min && value <= max ? null : $"{key} is {Counts.Of(value)}: use {Counts.Of(min)} to {Counts.Of(max)} {unit}.";

    public static string? Check(string key, TimeSpan value, TimeSpan min, TimeSpan max) =>
        value >= min && value <= max ? null : $"{key} is {Span(value)}: use {Span(min)} to {Span(max)} ([d.]hh:mm:ss).";

    /// <summary>The validation result of a section's checks: each problem is one sentence of the start's one line.</summary>
    public static ValidateOptionsResult Result(IEnumerable<string?> problems)
    {
        var failures = problems.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }


    private static string Span(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
