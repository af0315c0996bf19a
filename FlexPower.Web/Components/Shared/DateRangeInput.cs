using FlexPower.Core.Common;
using FlexPower.Core.Reports;

namespace FlexPower.Web.Components.Shared;

/// <summary>
/// A From/To pair as the user entered it. An invalid pair is kept (so the fields still show what was typed) and
/// says what is wrong; pages act on it — reload, link, export — only while it is valid.
/// </summary>
public sealed record DateRangeInput(DateOnly? From, DateOnly? To, bool BothRequired = false)
{
    public string? Problem =>
        BothRequired && From is null ? "Choose a From day."
        : BothRequired && To is null ? "Choose a To day."
        : From is { } from && To is { } to && from > to ? $"From ({DayFormat.Of(from)}) is after To ({DayFormat.Of(to)})."
        : From is { } start && To is { } end && start.AddYears(ReportRules.MaxYears) < end ? $"The range is longer than {ReportRules.MaxYears} years: choose a shorter one."
        : null;

    public bool IsValid => Problem is null;
}
