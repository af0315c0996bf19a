using FlexPower.Core.Common;
using FlexPower.Core.Reports;

namespace FlexPower.Web.Components.Shared;

/// <summary>
/// A From/To pair as the user entered it. An invalid pair is kept (so the fields still show what was typed) and
/// says what is wrong; pages act on it — reload, link, export — only while it is valid.
/// </summary>
public sealed record DateRangeInput(DateOnly? From, DateOnly? To, bool BothRequired = false)
{
    /// <summary>Why the text typed into From is not a day (<see cref="DayPicker.NotADay"/>); From then holds the last day.</summary>
    public string? FromTyped { get; init; }
    public string? ToTyped { get; init; }

    public string? Problem =>
        FromTyped is not null ? $"From: {FromTyped}"
        : ToTyped is not null ? $"To: {ToTyped}"
        : BothRequired && From is null ? "Choose a From day."
        : BothRequired && To is null ? "Choose a To day."
        : From is { } from && To is { } to && from > to ? $"From ({DayFormat.Of(from)}) is after To ({DayFormat.Of(to)})."
        : From is { } start && To is { } end && start.AddYears(ReportRules.MaxYears) < end ? $"The range is longer than {ReportRules.MaxYears} years: choose a shorter one."
        : null;

    public bool IsValid => Problem is null;

    /// <summary>A range as words for a note about it: "2026-09-02 – 2026-10-01", "from 2026-09-02", "all days".</summary>
    public static string Describe(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        ({ } f, { } t) => $"{DayFormat.Of(f)} – {DayFormat.Of(t)}",
        ({ } f, null) => $"the days from {DayFormat.Of(f)}",
        (null, { } t) => $"the days up to {DayFormat.Of(t)}",
        _ => "all days",
    };
}
