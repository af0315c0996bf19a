using FlexPower.Core.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace FlexPower.Web.Components.Shared;

/// <summary>
/// A day field a desk can type into: the typed text is applied on Enter or when the field loses focus (MudBlazor's
/// picker opens its calendar on Enter and drops the text), and text that is no day is reported to the page, which says
/// so in its own words, instead of being silently replaced by the previous day.
/// </summary>
public sealed class DayPicker : MudDatePicker
{
    private string? typed;

    /// <summary>Why the typed text is not a day, or null once a day (or nothing) is applied.</summary>
    [Parameter] public EventCallback<string?> TypedProblemChanged { get; set; }

    public static string NotADay(string text) => $"“{text.Trim()}” is not a day: type it as {DayFormat.Pattern}, for example 2026-12-05.";

    public DayPicker()
    {
        Editable = true;
        ImmediateText = true;
    }

    protected override void OnParametersSet()
    {
        base.OnParametersSet();
        // Splatted onto the <input>: Blazor's own key and focus events, which reach the server with the text typed so far.
        UserAttributes["onkeydown"] = EventCallback.Factory.Create<KeyboardEventArgs>(this, OnKeyDownAsync);
        UserAttributes["onblur"] = EventCallback.Factory.Create<FocusEventArgs>(this, CommitAsync);
    }

    // Each keystroke only records the text; applying it on every one would reload the page for half-typed days.
    protected override Task StringValueChangedAsync(string? value)
    {
        typed = value;
        return Task.CompletedTask;
    }

    protected override Task OnHandleKeyDownAsync(KeyboardEventArgs args) =>
        args.Key is "Enter" or "NumpadEnter" && !Open ? Task.CompletedTask : base.OnHandleKeyDownAsync(args);

    private Task OnKeyDownAsync(KeyboardEventArgs args) => args.Key is "Enter" or "NumpadEnter" && !Open ? CommitAsync() : Task.CompletedTask;

    private async Task CommitAsync()
    {
        if (typed is not { } text) return;
        typed = null;
        if (text.Trim() is { Length: > 0 } trimmed && !DayFormat.TryParse(trimmed, out _))
        {
            await TypedProblemChanged.InvokeAsync(NotADay(text));
            return;
        }
        await TypedProblemChanged.InvokeAsync(null);
        await base.StringValueChangedAsync(text.Trim());
    }
}
