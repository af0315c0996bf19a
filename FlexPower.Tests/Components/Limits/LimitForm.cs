using Bunit;
using FlexPower.Web.Features.Limits;

namespace FlexPower.Tests.Components.Limits;

public static class LimitForm
{
    /// <summary>
    /// Types a trader id and a max open MW and saves, in one dispatch: the page's own load and the autocomplete's search
    /// re-render the form, and an element found before such a render has lost its handlers.
    /// </summary>
    public static Task FillAndSaveLimitAsync(this IRenderedComponent<LimitsPage> page, string traderId, string maxOpenMw) =>
        page.InvokeAsync(async () =>
        {
            page.Find("input#limit-trader").Input(traderId);
            page.Find("input#limit-trader").Blur();
            page.Find("#limit-mw").Change(maxOpenMw);
            await page.Find("#limit-save").ClickAsync(new());
        });
}
